/** Today's date in Asia/Shanghai (UTC+8 all year, no daylight saving). */
export function todayShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** The last on-time day of a period: `dueDay` of the month after the period ends. */
export function dueDate(period: string, dueDay: number): string {
  const year = Number(period.slice(0, 4));
  const month = period.length > 4 ? Number(period.slice(5, 7)) : 12;
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return `${nextYear}-${String(nextMonth).padStart(2, "0")}-${String(dueDay).padStart(2, "0")}`;
}

/** `createdAt` (UTC ISO timestamp) as a Shanghai calendar date. */
export function shanghaiDate(iso: string): string {
  return todayShanghai(new Date(iso));
}
