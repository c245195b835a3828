/** Step 3: the engine judges the sheet as the clerk's machine did; any error refuses it. */
import type { D1Database } from "@cloudflare/workers-types";
import { OFFICE_SCOPE } from "../../shared/api";
import { validateWorkbook } from "../../shared/engine";
import { registryStaff, type Registry } from "../../shared/registry";
import type { SheetResult } from "../../shared/report";
import { officeStaffNames } from "../db/records";
import type { Attempt } from "./admit";
import { breathe, refused } from "./refusals";

export interface Judgment {
  result: SheetResult;
  /** The office's 人员岗位表 names, when the registry lists no staff (null: the registry's are used). */
  fallbackStaff: string[] | undefined;
}

/** The office's 人员岗位表 names when the registry lists no staff (undefined: the registry's are used). */
export async function fallbackStaffOf(db: D1Database, registry: Registry): Promise<string[] | undefined> {
  return registryStaff(registry) ? undefined : await officeStaffNames(db);
}

/** The engine's verdict on one stored or submitted sheet, with the staff list it used. */
export async function judgeSheet(
  db: D1Database,
  a: Pick<Attempt, "sheet" | "sheetName" | "registry" | "scope" | "asOf">,
): Promise<{ result: SheetResult | undefined; fallbackStaff: string[] | undefined }> {
  const fallbackStaff = await fallbackStaffOf(db, a.registry);
  await breathe();
  const result = judgeSheetWith(a, fallbackStaff);
  await breathe();
  return { result, fallbackStaff };
}

/**
 * The engine's verdict on one sheet against a staff list read beforehand (once for many sheets):
 * CPU only, so the caller yields (`breathe`) around it.
 */
export function judgeSheetWith(
  a: Pick<Attempt, "sheet" | "sheetName" | "registry" | "scope" | "asOf">,
  fallbackStaff: readonly string[] | undefined,
): SheetResult | undefined {
  const { sheet, sheetName, registry, scope } = a;
  const [result] = validateWorkbook(
    {
      sheets: [
        {
          name: sheetName,
          values: sheet.values,
          merges: sheet.merges,
          ...(sheet.formulas ? { formulas: sheet.formulas } : {}),
        },
      ],
      date1904: sheet.date1904,
    },
    // A branch's sheet holds only that branch's rows; the office may file any village's.
    { asOf: a.asOf, registry, fallbackStaff, branch: scope === OFFICE_SCOPE ? undefined : scope },
  );
  return result;
}

export async function judge(db: D1Database, a: Attempt): Promise<Judgment> {
  const { kind, sheetName } = a;
  const { result, fallbackStaff } = await judgeSheet(db, a);
  if (!result || result.kind !== kind.id) {
    throw refused(
      "kind-mismatch",
      `工作表“${sheetName}”不是${kind.title}，未能按${kind.title}识别表头。`,
      result?.findings ?? [],
      { recognised: result?.kind ?? null },
    );
  }
  if (result.errors > 0) {
    throw refused(
      "invalid-sheet",
      `工作表“${sheetName}”有 ${result.errors} 处错误，未予接收；请改正后重新提交。`,
      result.findings,
      { errors: result.errors, warnings: result.warnings },
    );
  }
  return { result, fallbackStaff };
}
