/**
 * The registry: township, branches with aliases, office staff, settings. It is data the
 * township maintains (PUT /api/registry, CLI --registry); the embedded default is 老牛湾镇.
 */
import { z } from "zod";
import { normalizeName, closest } from "./read/text";
import { MEETING_TYPES } from "./settings";
import { periodGrain } from "./period";

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

export const RegistrySchema = z
  .object({
    township: z
      .object({
        name: z.string().min(1).max(100),
        county: z.string().max(100).optional(),
        code: z.string().max(20).optional(),
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
  })
  .strict()
  .superRefine(noBranchNamedLikeTheOffice);

export type Registry = z.infer<typeof RegistrySchema>;

const VILLAGES = ["老牛湾村", "乾坤湾村", "柏林峁村", "麦虎村", "滑石村", "阳洼子村"] as const;

/** The embedded default for 老牛湾镇 (偏关县 140932): the six villages named in public reporting. */
export const DEFAULT_REGISTRY: Registry = {
  township: { name: "老牛湾镇", county: "偏关县", code: "140932105" },
  branches: VILLAGES.map((village) => ({
    name: `${village}党支部`,
    village,
    aliases: [village.replace(/村$/, ""), `${village}支部`],
  })),
  staff: [],
  exemptPeriods: [],
  dueDay: 5,
};

/** Organisational endings, longest first, stripped repeatedly: 老牛湾村支部委员会 → 老牛湾村 → 老牛湾. */
const BRANCH_SUFFIXES = [
  "党支部委员会",
  "党总支部委员会",
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

/**
 * The comparable core of a village or branch name (ledgers spec §1 "village / branch"): 中共 and
 * the county's and township's names are stripped from the front (中共偏关县老牛湾镇老牛湾村党支部),
 * organisational suffixes from the end, so the full names clerks and the party-membership system
 * write compare equal to 老牛湾. `prefixes` are the registry's county and township names.
 */
export function branchKey(text: string, prefixes: readonly string[] = []): string {
  let key = normalizeName(text).replace(/\s+/gu, "");
  key = key.replace(/^中国共产党|^中共/u, "");
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
