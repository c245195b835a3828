/**
 * The registry: township, branches with aliases, office staff, settings. It is data the
 * township maintains (PUT /api/registry, CLI --registry); the embedded default is 老牛湾镇.
 */
import { z } from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";
import { normalizeName, normalizeHeader, closest } from "./read/text";
import { DEFAULT_SETTINGS, MEETING_TYPES } from "./settings";
import { periodGrain } from "./period";
import { KINDS } from "./kinds";

/** The scope of an office submission (a branch's scope is its canonical name). */
export const OFFICE_SCOPE = "office";
/** How the office is named where a 提交单位 is shown. */
export const OFFICE_LABEL = "镇党建办";

/** A branch called like the office would file its ledgers as the office's, or show them as its. */
function noBranchNamedLikeTheOffice(
  registry: { branches: { name: string; village?: string; aliases?: string[] }[] },
  ctx: z.RefinementCtx,
) {
  const reserved = new Set([OFFICE_SCOPE, OFFICE_LABEL]);
  registry.branches.forEach((b, i) => {
    for (const label of [b.name, b.village ?? "", ...(b.aliases ?? [])]) {
      if (reserved.has(normalizeName(label.normalize("NFKC")).toLowerCase())) {
        ctx.addIssue({
          code: "custom",
          path: ["branches", i],
          message: `支部名称、村名和别名不能是“${OFFICE_SCOPE}”或“${OFFICE_LABEL}”，这两个名称专指镇党建办。`,
        });
      }
    }
  });
}

export const StaffRole = z.enum(["主任", "常务副主任", "副主任", "专职工作人员", "兼职工作人员"]);

const Cadence = z.enum(["week", "month", "quarter", "year", "off"]);

/** Registry revision 2 `settings` (interfaces spec): all optional, defaults in ./settings.ts. */
export const SettingsSchema = z
  .object({
    cadence: z.partialRecord(z.enum(MEETING_TYPES as [string, ...string[]]), Cadence).optional(),
    visitDaysPerWeek: z.number().int().min(1).max(7).optional(),
    excellentShare: z.number().gt(0).max(1).optional(),
    openDaysLimit: z.number().int().min(1).max(3660).optional(),
  })
  .strict();

/**
 * The column types a township ledger may use (interfaces spec, registry revision 2): the
 * catalogue's own vocabulary, so one reader serves built-in and township kinds.
 */
export const LEDGER_COLUMN_TYPES = [
  "text",
  "name",
  "date",
  "month",
  "int",
  "num",
  "money",
  "branch",
  "staff",
  "mobile",
  "phone",
  "id18",
  "enum",
  "list",
] as const;
export type LedgerColumnType = (typeof LEDGER_COLUMN_TYPES)[number];

/** Column types that take `min` / `max`. */
export const NUMERIC_TYPES: ReadonlySet<LedgerColumnType> = new Set(["int", "num", "money"]);
/** Column types that take `values` (and `valueAliases`). */
export const VALUE_TYPES: ReadonlySet<LedgerColumnType> = new Set(["enum", "list"]);

const label = (max: number) => z.string().trim().min(1, "不能为空").max(max, `不能超过 ${max} 个字`);

/** One column of a township ledger. */
export const LedgerColumnSchema = z
  .object({
    name: label(40),
    /** Other headers clerks write for it. */
    aliases: z.array(label(40)).max(20).optional(),
    type: z.enum(LEDGER_COLUMN_TYPES, {
      error:
        "列类型应为 text、name、date、month、int、num、money、branch、staff、mobile、phone、id18、enum、list 之一",
    }),
    required: z.boolean().optional(),
    unique: z.boolean().optional(),
    /** Bounds of an int, num or money column (money in 元). */
    min: z.number().optional(),
    max: z.number().optional(),
    /** The allowed values of an enum or list column. */
    values: z.array(label(40)).max(100).optional(),
    /** Other spellings accepted for an allowed value: alias → value. */
    valueAliases: z.record(z.string().trim().min(1, "不能为空").max(40), z.string()).optional(),
  })
  .strict()
  .superRefine((col, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (VALUE_TYPES.has(col.type)) {
      if (!col.values?.length) issue(["values"], "可选值列表不能为空：请至少列出一个允许的值");
    } else if (col.values !== undefined || col.valueAliases !== undefined) {
      issue(["values"], "只有 enum（单选）和 list（多选）类型的列可以列出可选值");
    }
    if (!NUMERIC_TYPES.has(col.type)) {
      for (const bound of ["min", "max"] as const) {
        if (col[bound] !== undefined) issue([bound], "只有 int、num、money 类型的列可以设上下限");
      }
    } else {
      if (col.type === "int") {
        for (const bound of ["min", "max"] as const) {
          const v = col[bound];
          if (v !== undefined && !Number.isInteger(v)) issue([bound], "整数列的上下限应为整数");
        }
      }
      if (col.min !== undefined && col.max !== undefined && col.min > col.max) {
        issue(["max"], `上限 ${col.max} 小于下限 ${col.min}`);
      }
    }
    duplicates(col.values ?? [], normalizeHeader).forEach((i) =>
      issue(["values", i], `可选值“${col.values?.[i]}”重复`),
    );
    const values = new Set((col.values ?? []).map(normalizeHeader));
    for (const [alias, value] of Object.entries(col.valueAliases ?? {})) {
      if (!values.has(normalizeHeader(value))) {
        issue(["valueAliases", alias], `“${alias}”指向的“${value}”不在可选值中`);
      }
    }
  });
export type LedgerColumn = z.infer<typeof LedgerColumnSchema>;

/** A ledger kind the township defines itself (interfaces spec, registry revision 2 `ledgers`). */
export const LedgerSchema = z
  .object({
    id: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,39}$/u,
        "编号应为 2–40 个小写英文字母、数字或连字符，以字母开头，如 flood-duty",
      ),
    title: label(40),
    /** Other titles the sheet may carry. */
    titles: z.array(label(40)).max(20).optional(),
    /** The submission period: a year, a month, or a snapshot (one current list per year). */
    grain: z.enum(["year", "month", "snapshot"], {
      error: "报送周期应为 year（每年）、month（每月）或 snapshot（名册）",
    }),
    /** Who submits it: the branches, the office, or either. */
    scope: z.enum(["branch", "office", "branch-or-office"], {
      error: "报送单位应为 branch（村党支部）、office（镇党建办）或 branch-or-office（两者皆可）",
    }),
    columns: z.array(LedgerColumnSchema).min(2, "至少需要两列").max(60, "最多 60 列"),
  })
  .strict()
  .superRefine((ledger, ctx) => {
    const names = ledger.columns.flatMap((c, i) => [c.name, ...(c.aliases ?? [])].map((n) => ({ n, i })));
    const seen = new Map<string, number>();
    for (const { n, i } of names) {
      const key = normalizeHeader(n);
      if (key === "序号") {
        ctx.addIssue({
          code: "custom",
          path: ["columns", i, "name"],
          message: "序号列不需要定义，每种台账都可以有",
        });
      }
      const first = seen.get(key);
      if (first !== undefined && first !== i) {
        ctx.addIssue({
          code: "custom",
          path: ["columns", i, "name"],
          message: `列名或别名“${n}”与第 ${first + 1} 列重复`,
        });
      } else seen.set(key, i);
    }
    if (!ledger.columns.some((c) => c.required)) {
      ctx.addIssue({
        code: "custom",
        path: ["columns"],
        message: "至少一列应为必填：必填列用来识别这种台账，也检查是否漏填",
      });
    }
  });
export type Ledger = z.infer<typeof LedgerSchema>;

/** Indexes of items whose key repeats an earlier item's. */
function duplicates<T>(items: readonly T[], key: (item: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) out.push(i);
    else seen.add(k);
  });
  return out;
}

/**
 * What no field can check alone: branch names and aliases that name two branches, staff listed
 * twice, township ledgers that reuse a built-in kind's id or title, or each other's.
 */
function consistent(registry: RegistryShape, ctx: z.RefinementCtx) {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const prefixes = regionPrefixes(registry);
  const owner = new Map<string, number>();
  registry.branches.forEach((b, i) => {
    for (const [field, label] of [
      ["name", b.name],
      ["village", b.village ?? ""],
      ...(b.aliases ?? []).map((a, j) => [["aliases", j], a] as const),
    ] as const) {
      const key = branchKey(label, prefixes);
      if (!key) continue;
      const first = owner.get(key);
      if (first !== undefined && first !== i) {
        const path = Array.isArray(field) ? ["branches", i, ...field] : ["branches", i, field];
        issue(path, `“${label}”与第 ${first + 1} 个支部“${registry.branches[first]?.name}”重名，无法区分`);
      } else owner.set(key, i);
    }
  });
  duplicates(registry.staff ?? [], (s) => normalizeName(s.name)).forEach((i) =>
    issue(["staff", i, "name"], `工作人员“${registry.staff?.[i]?.name}”重复`),
  );
  const builtinIds = new Map(KINDS.map((k) => [k.id, k.title]));
  const builtinTitles = new Map(
    KINDS.flatMap((k) => [k.title, ...k.titles].map((t) => [normalizeHeader(t), k.title])),
  );
  const ledgers = registry.ledgers ?? [];
  ledgers.forEach((l, i) => {
    const builtin = builtinIds.get(l.id);
    if (builtin) issue(["ledgers", i, "id"], `编号“${l.id}”已是内置台账“${builtin}”的编号，请换一个`);
    [l.title, ...(l.titles ?? [])].forEach((t, j) => {
      const hit = builtinTitles.get(normalizeHeader(t));
      if (hit) {
        issue(
          j === 0 ? ["ledgers", i, "title"] : ["ledgers", i, "titles", j - 1],
          `名称“${t}”已是内置台账“${hit}”的名称，请换一个`,
        );
      }
    });
  });
  duplicates(ledgers, (l) => l.id).forEach((i) =>
    issue(["ledgers", i, "id"], `编号“${ledgers[i]?.id}”与另一种本镇台账重复`),
  );
  duplicates(ledgers, (l) => normalizeHeader(l.title)).forEach((i) =>
    issue(["ledgers", i, "title"], `名称“${ledgers[i]?.title}”与另一种本镇台账重复`),
  );
}

const RegistryObject = z
  .object({
    township: z
      .object({
        name: z.string().min(1).max(100),
        county: z.string().max(100).optional(),
        code: z.string().max(20).optional(),
        /** How many branches the township has: the admin view says so while fewer are listed. */
        branchCount: z.number().int().min(1).max(500).optional(),
      })
      .strict(),
    branches: z
      .array(
        z
          .object({
            name: z.string().min(1).max(100),
            village: z.string().max(100).optional(),
            aliases: z.array(z.string().min(1).max(100)).max(50).optional(),
            /** False: the branch has no 党小组 (条例 第十三条), so 党小组会 is not expected. */
            hasPartyGroups: z.boolean().optional(),
            /** False: fewer than 7 正式党员, a 书记 but no 支部委员会 (条例 第二十条). */
            hasCommittee: z.boolean().optional(),
            /** The branch's 书记, for the 书记讲党课 check. */
            secretary: z.string().min(1).max(50).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
    staff: z
      .array(z.object({ name: z.string().min(1).max(50), role: StaffRole.optional() }).strict())
      .max(500)
      .optional(),
    exemptPeriods: z
      .array(
        z.string().refine((p) => periodGrain(p) !== null, "周期格式应为 2025-W40、2025-10、2025-Q4 或 2025"),
      )
      .max(1000)
      .optional(),
    dueDay: z.number().int().min(1).max(28).optional(),
    settings: SettingsSchema.optional(),
    /** The township's own ledger kinds (registry revision 2). */
    ledgers: z.array(LedgerSchema).max(50).optional(),
  })
  .strict();
type RegistryShape = z.infer<typeof RegistryObject>;

export const RegistrySchema = RegistryObject.superRefine(noBranchNamedLikeTheOffice).superRefine(consistent);

export type Registry = z.infer<typeof RegistrySchema>;

const VILLAGES = ["老牛湾村", "乾坤湾村", "柏林峁村", "麦虎村", "滑石村", "阳洼子村"] as const;

/** The embedded default for 老牛湾镇 (偏关县 140932): the six villages named in public reporting. */
export const DEFAULT_REGISTRY: Registry = {
  // The township has 9 village branches; 3 are not public (ledgers spec), so the admin is told.
  township: { name: "老牛湾镇", county: "偏关县", code: "140932105", branchCount: 9 },
  branches: VILLAGES.map((village) => ({
    name: `${village}党支部`,
    village,
    aliases: [village.replace(/村$/, ""), `${village}支部`],
  })),
  staff: [],
  exemptPeriods: [],
  dueDay: DEFAULT_SETTINGS.dueDay,
};

/** Organisational endings, longest first, stripped repeatedly: 老牛湾村支部委员会 → 老牛湾村 → 老牛湾. */
const BRANCH_SUFFIXES = [
  "党支部委员会",
  "党总支部委员会",
  "总支部委员会",
  "支部委员会",
  "村民委员会",
  "党总支部",
  "党总支",
  "党支部",
  "村委会",
  "支部",
  "党委",
  "村",
];

/** 山西省忻州市, 内蒙古自治区鄂尔多斯市, 忻州市: what may stand before the county's name. */
const REGION_ABOVE_COUNTY =
  /^(?:\p{Script=Han}{2,4}(?:省|自治区))?(?:\p{Script=Han}{2,6}(?:市|地区|自治州|盟))?$/u;

/**
 * The comparable core of a village or branch name (ledgers spec §1 "village / branch"): 中共 and
 * the province's, city's, county's and township's names are stripped from the front
 * (中共山西省忻州市偏关县老牛湾镇老牛湾村党支部),
 * organisational suffixes from the end, so the full names clerks and the party-membership system
 * write compare equal to 老牛湾. `prefixes` are the registry's county and township names.
 */
export function branchKey(text: string, prefixes: readonly string[] = []): string {
  let key = normalizeName(text).replace(/\s+/gu, "");
  key = key.replace(/^中国共产党|^中共/u, "");
  // The province and the city that stand before the county in the longest full names.
  for (const p of prefixes) {
    const at = p ? key.indexOf(p) : -1;
    if (at > 0 && REGION_ABOVE_COUNTY.test(key.slice(0, at))) key = key.slice(at);
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const p of prefixes) {
      // Only a prefix followed by more text: 老牛湾镇 alone is the township, not a branch.
      if (p && key.startsWith(p) && key.length > p.length) {
        key = key.slice(p.length);
        changed = true;
      }
    }
  }
  for (let changed = true; changed;) {
    changed = false;
    for (const s of BRANCH_SUFFIXES) {
      if (key.endsWith(s) && key.length > s.length) {
        key = key.slice(0, -s.length);
        changed = true;
        break;
      }
    }
  }
  return key;
}

/** The names stripped from the front of a full organisation name: county and township, with and without 县/镇. */
function regionPrefixes(registry: Registry): string[] {
  const out: string[] = [];
  for (const name of [registry.township.county, registry.township.name]) {
    if (!name) continue;
    out.push(normalizeName(name));
  }
  return out.sort((a, b) => b.length - a.length);
}

export interface BranchMatcher {
  /** The canonical branch name, or null. */
  match(text: string): string | null;
  /** The closest canonical name, for a hint. */
  closest(text: string): string | null;
  names: readonly string[];
}

export function branchMatcher(registry: Registry): BranchMatcher {
  const prefixes = regionPrefixes(registry);
  const byKey = new Map<string, string>();
  for (const b of registry.branches) {
    for (const label of [b.name, b.village ?? "", ...(b.aliases ?? [])]) {
      const key = branchKey(label, prefixes);
      if (key && !byKey.has(key)) byKey.set(key, b.name);
    }
  }
  const names = registry.branches.map((b) => b.name);
  return {
    names,
    match: (text) => byKey.get(branchKey(text, prefixes)) ?? null,
    closest: (text) => {
      const hit = closest(branchKey(text, prefixes), [...byKey.keys()]);
      return hit === null ? null : (byKey.get(hit) ?? null);
    },
  };
}

/** Registry staff names, or null when the registry lists none (staff checks then fall back). */
export function registryStaff(registry: Registry): Set<string> | null {
  const staff = registry.staff ?? [];
  return staff.length ? new Set(staff.map((s) => normalizeName(s.name))) : null;
}

// zod's own messages (wrong type, unknown key…) in Chinese for this parse only: the locale is global.
// Made on first use, so a bundle that never checks a registry (the pane's first screen) leaves it out.
let zhLocale: ReturnType<typeof zhCN> | null = null;

/** One reason a registry is refused: the field (its path) and a Chinese message about it. */
export interface RegistryIssue {
  /** The field's path in the document, e.g. `["ledgers", 0, "columns", 3, "values"]`. */
  path: (string | number)[];
  /** Where the field is, in words: 台账“防汛值班台账”第 5 列“险情”的可选值. */
  place: string;
  message: string;
}

/** Each field of the document in words, as the admin view and the list of changes name it. */
export const REGISTRY_FIELD_NAMES: Readonly<Record<string, string>> = {
  township: "乡镇",
  name: "名称",
  county: "县",
  code: "代码",
  branchCount: "支部总数",
  village: "村名",
  aliases: "别名",
  hasPartyGroups: "设有党小组",
  hasCommittee: "设有支部委员会",
  secretary: "书记",
  role: "职务",
  exemptPeriods: "免检周期",
  dueDay: "报送截止日",
  settings: "设置",
  cadence: "会议频次",
  visitDaysPerWeek: "每周到村天数",
  excellentShare: "优秀比例上限",
  openDaysLimit: "问题办理期限（天）",
  id: "编号",
  title: "名称",
  titles: "其他名称",
  grain: "报送周期",
  scope: "报送单位",
  columns: "列",
  type: "类型",
  required: "必填",
  unique: "不可重复",
  min: "下限",
  max: "上限",
  values: "可选值",
  valueAliases: "可选值的别名",
  branches: "支部",
  staff: "工作人员",
  ledgers: "本镇台账",
};

/** A path in words, naming branches, staff, ledgers and columns by their own names where they have one. */
export function registryPlace(path: readonly PropertyKey[], input: unknown): string {
  const parts: string[] = [];
  let node: unknown = input;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    const child: unknown =
      node !== null && typeof node === "object"
        ? (node as Record<PropertyKey, unknown>)[key as string]
        : undefined;
    if (typeof key === "string" && typeof next === "number" && key in ITEM_WORDS) {
      const item: unknown = Array.isArray(child) ? child[next] : undefined;
      const own =
        item !== null && typeof item === "object" ? (item as { name?: unknown; title?: unknown }) : {};
      const name = typeof own.title === "string" ? own.title : typeof own.name === "string" ? own.name : "";
      parts.push(`${ITEM_WORDS[key]?.(next + 1)}${name ? `“${name}”` : ""}`);
      node = item;
      i++;
      continue;
    }
    if (typeof key === "number") parts.push(`第 ${key + 1} 项`);
    else if (typeof key === "string") parts.push(REGISTRY_FIELD_NAMES[key] ?? key);
    node = child;
  }
  return parts.join(" · ") || "登记信息";
}

const ITEM_WORDS: Readonly<Record<string, (n: number) => string>> = {
  branches: (n) => `第 ${n} 个支部`,
  staff: (n) => `第 ${n} 名工作人员`,
  ledgers: (n) => `本镇台账第 ${n} 种`,
  columns: (n) => `第 ${n} 列`,
  exemptPeriods: (n) => `免检周期第 ${n} 项`,
  aliases: (n) => `别名第 ${n} 项`,
  titles: (n) => `其他名称第 ${n} 项`,
  values: (n) => `可选值第 ${n} 项`,
};

/**
 * A registry document checked with messages in Chinese on the field that is wrong, whatever the
 * host's zod locale: the Worker's refusal, the pane's editor and the CLI's --registry read these.
 */
export function checkRegistry(
  input: unknown,
): { ok: true; registry: Registry } | { ok: false; issues: RegistryIssue[] } {
  const result = RegistrySchema.safeParse(input, { error: (zhLocale ??= zhCN()).localeError });
  if (result.success) return { ok: true, registry: result.data };
  return { ok: false, issues: registryIssues(result.error, input) };
}

/** A failed parse's issues, placed in words (for a refusal built from another parse of the schema). */
export function registryIssues(error: z.core.$ZodError, input: unknown): RegistryIssue[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
    place: registryPlace(i.path, input),
    message: i.message,
  }));
}
