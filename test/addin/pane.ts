/** Pane test helpers: a host that does nothing, a storage in memory, a JSON response. */
import { vi } from "vitest";
import type { Me, Receipt } from "../../addin/api";
import type { ExcelHost } from "../../addin/host";
import type { ExcelReach } from "../../addin/excel/requirements";
import type { SheetResult } from "../../shared/report";

const FULL: ExcelReach = { mode: "notes", level: "1.18", formulas: true, comments: true };

export function fakeHost(
  results: SheetResult[] = [],
  reach: ExcelReach = FULL,
): ExcelHost & { selected: string[] } {
  const selected: string[] = [];
  return {
    type: "excel",
    reach,
    selected,
    validate: vi.fn(async () => ({
      results,
      workbook: { sheets: [], date1904: false },
      cellsMarked: 0,
      notesWritten: 0,
      mode: "notes" as const,
    })),
    clearMarks: vi.fn(async () => ({ cleared: 0, notesKept: 0, protectedSheets: [] })),
    selectCell: vi.fn(async (sheet: string, cell: string) => {
      selected.push(`${sheet}!${cell}`);
    }),
    writeSummary: vi.fn(async () => undefined),
    insertTemplate: vi.fn(async () => undefined),
    consolidate: vi.fn(async () => undefined),
  };
}

export function memoryStorage(initial: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(initial));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

/** The storage of a pane connected to `serverUrl` with `token`, in Chinese, with any other keys. */
export function connectedStorage(
  serverUrl: string,
  token: string,
  more: Record<string, string> = {},
): Storage {
  return memoryStorage({
    "ledgerline.settings": JSON.stringify({ serverUrl, token, locale: "zh-CN" }),
    ...more,
  });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

/** A receipt for version 1 of a 老牛湾村 ledger, just created and current, with `over` changed. */
export function receipt(over: Partial<Receipt> = {}): Receipt {
  return {
    id: "s1",
    receiptNo: 7,
    kind: "problems",
    scope: "老牛湾村党支部",
    period: "2025",
    version: 1,
    rows: 3,
    warnings: 0,
    onBehalf: false,
    createdAt: "2025-10-01T00:00:00Z",
    findings: [],
    findingCounts: {},
    outcome: "created",
    current: true,
    currentVersion: 1,
    status: "submitted",
    returnComment: null,
    ...over,
  };
}

/** A checked sheet with no finding (one row, period 2025): ready to submit. */
export function cleanResult(sheet: string, kind: string): SheetResult {
  return {
    sheet,
    kind,
    headerRow: 1,
    rows: 1,
    errors: 0,
    warnings: 0,
    findings: [],
    summary: {},
    period: "2025",
    records: [],
  };
}

/** 老牛湾村's secretary, as GET /api/me answers for a branch token. */
export const BRANCH_ME: Me = {
  user: { id: "u1", name: "李支书", role: "branch", branch: "老牛湾村党支部" },
  role: "branch",
  branch: "老牛湾村党支部",
};
