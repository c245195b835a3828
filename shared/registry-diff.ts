/**
 * What changed between two registry versions, in plain Chinese lines a township admin reads
 * (issue 13 "registry versions"): the admin view lists them beside each version and the audit
 * keeps them with the change.
 */
import { REGISTRY_FIELD_NAMES, type Ledger, type LedgerColumn, type Registry } from "./registry";

type Branch = Registry["branches"][number];

const yesNo = (v: boolean | undefined) => (v === false ? "否" : "是");
const text = (v: unknown): string =>
  v === undefined || v === null || v === ""
    ? "（空）"
    : Array.isArray(v)
      ? v.join("、") || "（空）"
      : String(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Items keyed by name: added, removed, and kept pairs, in the newer order. */
function byKey<T>(before: readonly T[], after: readonly T[], key: (t: T) => string) {
  const old = new Map(before.map((t) => [key(t), t]));
  const now = new Set(after.map(key));
  return {
    added: after.filter((t) => !old.has(key(t))),
    removed: before.filter((t) => !now.has(key(t))),
    kept: after.flatMap((t) => {
      const o = old.get(key(t));
      return o === undefined ? [] : [[o, t] as const];
    }),
  };
}

/** Field-by-field lines for one item present in both versions, each field named as the registry names it. */
function fields<T extends object>(
  subject: string,
  before: T,
  after: T,
  keys: readonly (keyof T & string)[],
  show: (key: keyof T, v: unknown) => string = (_k, v) => text(v),
): string[] {
  const lines: string[] = [];
  for (const key of keys) {
    if (!same(before[key], after[key])) {
      const label = REGISTRY_FIELD_NAMES[key] ?? key;
      lines.push(`${subject}的${label}由“${show(key, before[key])}”改为“${show(key, after[key])}”`);
    }
  }
  return lines;
}

const BRANCH_FIELDS = ["village", "aliases", "secretary", "hasPartyGroups", "hasCommittee"] as const;
const COLUMN_FIELDS = [
  "type",
  "aliases",
  "required",
  "unique",
  "min",
  "max",
  "values",
  "valueAliases",
] as const;
const LEDGER_FIELDS = ["titles", "grain", "scope"] as const;

function branchLines(before: readonly Branch[], after: readonly Branch[]): string[] {
  const d = byKey(before, after, (b) => b.name);
  return [
    ...d.added.map((b) => `新增支部“${b.name}”`),
    ...d.removed.map((b) => `删除支部“${b.name}”`),
    ...d.kept.flatMap(([o, n]) =>
      fields(`支部“${n.name}”`, o, n, BRANCH_FIELDS, (k, v) =>
        k === "hasPartyGroups" || k === "hasCommittee" ? yesNo(v as boolean | undefined) : text(v),
      ),
    ),
  ];
}

function columnLines(
  ledger: string,
  before: readonly LedgerColumn[],
  after: readonly LedgerColumn[],
): string[] {
  const d = byKey(before, after, (c) => c.name);
  return [
    ...d.added.map((c) => `台账“${ledger}”新增列“${c.name}”`),
    ...d.removed.map((c) => `台账“${ledger}”删除列“${c.name}”`),
    ...d.kept.flatMap(([o, n]) =>
      fields(`台账“${ledger}”的列“${n.name}”`, o, n, COLUMN_FIELDS, (k, v) =>
        k === "required" || k === "unique"
          ? v
            ? "是"
            : "否"
          : k === "valueAliases"
            ? JSON.stringify(v ?? {})
            : text(v),
      ),
    ),
  ];
}

function ledgerLines(before: readonly Ledger[], after: readonly Ledger[]): string[] {
  const d = byKey(before, after, (l) => l.id);
  return [
    ...d.added.map((l) => `新增本镇台账“${l.title}”（${l.columns.length} 列）`),
    ...d.removed.map((l) => `删除本镇台账“${l.title}”`),
    ...d.kept.flatMap(([o, n]) => [
      ...(o.title === n.title ? [] : [`本镇台账“${o.title}”改名为“${n.title}”`]),
      ...fields(`台账“${n.title}”`, o, n, LEDGER_FIELDS),
      ...columnLines(n.title, o.columns, n.columns),
    ]),
  ];
}

function staffLines(before: Registry["staff"] & object, after: Registry["staff"] & object): string[] {
  const d = byKey(before, after, (s) => s.name);
  return [
    ...d.added.map((s) => `新增工作人员“${s.name}”${s.role ? `（${s.role}）` : ""}`),
    ...d.removed.map((s) => `删除工作人员“${s.name}”`),
    ...d.kept.flatMap(([o, n]) => fields(`工作人员“${n.name}”`, o, n, ["role"])),
  ];
}

function listLines(what: string, before: readonly string[], after: readonly string[]): string[] {
  const old = new Set(before);
  const now = new Set(after);
  return [
    ...after.filter((x) => !old.has(x)).map((x) => `新增${what}“${x}”`),
    ...before.filter((x) => !now.has(x)).map((x) => `删除${what}“${x}”`),
  ];
}

/** The changes from `before` to `after`, one plain line each; empty when nothing changed. */
export function registryChanges(before: Registry, after: Registry): string[] {
  const settings = { ...before.settings };
  const next = { ...after.settings };
  const cadence = { ...settings.cadence };
  const nextCadence = { ...next.cadence };
  return [
    ...fields("乡镇", before.township, after.township, ["name", "county", "code", "branchCount"]),
    ...branchLines(before.branches, after.branches),
    ...staffLines(before.staff ?? [], after.staff ?? []),
    ...listLines("免检周期", before.exemptPeriods ?? [], after.exemptPeriods ?? []),
    ...(same(before.dueDay, after.dueDay)
      ? []
      : [`报送截止日由“${text(before.dueDay)}”改为“${text(after.dueDay)}”`]),
    ...[...new Set([...Object.keys(cadence), ...Object.keys(nextCadence)])].flatMap((type) =>
      same(cadence[type], nextCadence[type])
        ? []
        : [`${type}的频次由“${text(cadence[type] ?? "默认")}”改为“${text(nextCadence[type] ?? "默认")}”`],
    ),
    ...fields("设置", settings, next, ["visitDaysPerWeek", "excellentShare", "openDaysLimit"]),
    ...ledgerLines(before.ledgers ?? [], after.ledgers ?? []),
  ];
}
