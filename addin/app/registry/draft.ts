/**
 * The registry editor's state and its checks, free of React: the draft is the registry document
 * itself (interfaces spec), edited immutably; errors are the shared schema's issues, placed on the
 * field the editor shows for their path.
 */
import { checkRegistry, registryPlace, type Registry } from "../../../shared/registry";

export type RegistryDraft = Registry;
export type BranchDraft = RegistryDraft["branches"][number];
export type StaffDraft = NonNullable<RegistryDraft["staff"]>[number];

/** A dotted path as the Worker's 400 names it: `branches.2.name`. */
export type FieldPath = string;
/** Messages by the path of the field they belong to. */
export type FieldErrors = ReadonlyMap<FieldPath, readonly string[]>;

export function pathOf(path: readonly PropertyKey[]): FieldPath {
  return path.map(String).join(".");
}

/** Replace the i-th element. */
export function replaceAt<T>(list: readonly T[], i: number, value: T): T[] {
  return list.map((x, j) => (j === i ? value : x));
}

export function removeAt<T>(list: readonly T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

/** Swap the i-th element with its neighbour (`by` −1 or +1); out of range leaves the list as it was. */
export function move<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** An optional field set to a value, or removed when the value is empty: the document keeps no blanks. */
export function withOptional<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  value: T[K] | undefined,
): T {
  const out = { ...obj };
  if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete out[key];
  else out[key] = value;
  return out;
}

/** A typed list (别名, 其他名称): split on the separators clerks use, blanks dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；/\s]+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A number field's text: a number, or undefined when empty or not a number. */
export function numberOrUndefined(text: string): number | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

export type DraftCheck = { ok: true; registry: Registry } | { ok: false; errors: FieldErrors };

/** The draft through the shared schema, exactly as the Worker will check it, in Chinese. */
export function checkDraft(draft: RegistryDraft): DraftCheck {
  const result = checkRegistry(draft);
  if (result.ok) return result;
  return {
    ok: false,
    errors: groupIssues(result.issues.map((i) => ({ path: pathOf(i.path), message: i.message }))),
  };
}

/** A path in words (第 3 个支部“…” · 书记), for an error no field shows. */
export function placeOf(path: FieldPath, draft: RegistryDraft): string {
  return registryPlace(
    path === "" ? [] : path.split(".").map((p) => (/^\d+$/u.test(p) ? Number(p) : p)),
    draft,
  );
}

/** Issues (client's or the server's `details.issues`) grouped by path, each message once. */
export function groupIssues(issues: readonly { path: string; message: string }[]): FieldErrors {
  const out = new Map<FieldPath, string[]>();
  for (const { path, message } of issues) {
    const list = out.get(path) ?? [];
    if (!list.includes(message)) list.push(message);
    out.set(path, list);
  }
  return out;
}

/**
 * Each issue moved onto a field the editor shows: its own path when it is one, else the first
 * field under it (a refinement on `branches.2` shows on that branch's name), else the nearest
 * field above it (`ledgers.0.columns.1.values.0` on the column's values). Issues that fit no
 * field stay under their own path, for the list above the tabs.
 */
export function placeErrors(
  errors: FieldErrors,
  fields: readonly FieldPath[],
): { placed: FieldErrors; unplaced: FieldErrors } {
  const known = new Set(fields);
  const placed = new Map<FieldPath, string[]>();
  const unplaced = new Map<FieldPath, string[]>();
  for (const [path, messages] of errors) {
    const target = placeOne(path, fields, known);
    const into = target === null ? unplaced : placed;
    const key = target ?? path;
    into.set(key, [...(into.get(key) ?? []), ...messages.filter((m) => !into.get(key)?.includes(m))]);
  }
  return { placed, unplaced };
}

function placeOne(
  path: FieldPath,
  fields: readonly FieldPath[],
  known: ReadonlySet<FieldPath>,
): FieldPath | null {
  if (known.has(path)) return path;
  // A refinement on the whole document belongs to no one field.
  if (path === "") return null;
  const below = fields.find((f) => f.startsWith(`${path}.`));
  if (below !== undefined) return below;
  const parts = path.split(".");
  for (let n = parts.length - 1; n > 0; n--) {
    const above = parts.slice(0, n).join(".");
    if (known.has(above)) return above;
  }
  return null;
}

/** Every field path the editor shows for a draft, in the order the tabs show them. */
export function fieldPaths(draft: RegistryDraft): FieldPath[] {
  const out = ["township.name", "township.county", "township.code", "township.branchCount"];
  draft.branches.forEach((_, i) =>
    out.push(
      ...["name", "village", "aliases", "secretary", "hasPartyGroups", "hasCommittee"].map(
        (f) => `branches.${i}.${f}`,
      ),
    ),
  );
  (draft.staff ?? []).forEach((_, i) => out.push(`staff.${i}.name`, `staff.${i}.role`));
  out.push("dueDay", "exemptPeriods", "settings.visitDaysPerWeek", "settings.excellentShare");
  out.push("settings.openDaysLimit", "settings.cadence");
  (draft.ledgers ?? []).forEach((ledger, i) => {
    const at = `ledgers.${i}`;
    out.push(...["title", "titles", "id", "grain", "scope"].map((f) => `${at}.${f}`));
    ledger.columns.forEach((column, k) => {
      const col = `${at}.columns.${k}`;
      out.push(
        ...["name", "aliases", "type", "min", "max", "values", "valueAliases"].map((f) => `${col}.${f}`),
      );
      (column.values ?? []).forEach((_, v) => out.push(`${col}.values.${v}`));
    });
    out.push(`${at}.columns`);
  });
  return out;
}

/** Which tab shows a path: the first segment decides. */
export type EditorTab = "township" | "branches" | "staff" | "schedule" | "ledgers";
export function tabOf(path: FieldPath): EditorTab {
  const head = path.split(".")[0];
  if (head === "branches") return "branches";
  if (head === "staff") return "staff";
  if (head === "ledgers") return "ledgers";
  if (head === "township") return "township";
  return "schedule";
}
