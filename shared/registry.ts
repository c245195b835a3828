/**
 * The registry: township, branches with aliases, office staff, settings. It is data the
 * township maintains (PUT /api/registry, CLI --registry); the embedded default is 老牛湾镇.
 */
import { z } from "zod";
import { normalizeName, closest } from "./read/text";

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

export const StaffRole = z.enum(["主任", "常务副主任", "专职工作人员", "兼职工作人员"]);

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
        z
          .string()
          .regex(/^\d{4}(-W\d{2}|-\d{2}|-Q[1-4])?$/, "周期格式应为 2025-W40、2025-10、2025-Q4 或 2025"),
      )
      .max(1000)
      .optional(),
    dueDay: z.number().int().min(1).max(28).optional(),
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

/** Strips the organisational suffixes so 老牛湾、老牛湾村、老牛湾村党支部、老牛湾村支部 compare equal. */
export function branchKey(text: string): string {
  return normalizeName(text)
    .replace(/(党总支部|党总支|党支部|支部委员会|支部|党委)$/, "")
    .replace(/(村民委员会|村委会|村)$/, "");
}

export interface BranchMatcher {
  /** The canonical branch name, or null. */
  match(text: string): string | null;
  /** The closest canonical name, for a hint. */
  closest(text: string): string | null;
  names: readonly string[];
}

export function branchMatcher(registry: Registry): BranchMatcher {
  const byKey = new Map<string, string>();
  for (const b of registry.branches) {
    for (const label of [b.name, b.village ?? "", ...(b.aliases ?? [])]) {
      const key = branchKey(label);
      if (key && !byKey.has(key)) byKey.set(key, b.name);
    }
  }
  const names = registry.branches.map((b) => b.name);
  return {
    names,
    match: (text) => byKey.get(branchKey(text)) ?? null,
    closest: (text) => {
      const key = branchKey(text);
      const hit = closest(key, [...byKey.keys()]);
      return hit === null ? null : (byKey.get(hit) ?? null);
    },
  };
}

/** Registry staff names, or null when the registry lists none (staff checks then fall back). */
export function registryStaff(registry: Registry): Set<string> | null {
  const staff = registry.staff ?? [];
  return staff.length ? new Set(staff.map((s) => normalizeName(s.name))) : null;
}
