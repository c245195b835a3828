/** Shared pieces of the adapter tests: ledgers built in code, the engine, profile installation. */
import { afterEach } from "vitest";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { CellValue } from "../../shared/workbook";
import type { Engine } from "../../addin/host";
import { PROBLEM_COLUMNS, PROBLEM_TITLE, problemRow } from "../fixtures/problem-rows";
import { strictExcel, type Profile, type SheetSpec, type StrictExcel } from "./strict-excel";

export const AS_OF = "2025-10-01";

export const engine: Engine = (workbook, sheets) =>
  validateWorkbook(workbook, { asOf: AS_OF, registry: DEFAULT_REGISTRY, sheets });

/** A 民情问题台账 with `rows` data rows from row 3; every row has a bad phone number in column L. */
export function problemsSheet(rows: number, extra: Record<string, CellValue> = {}): CellValue[][] {
  const values: CellValue[][] = [[PROBLEM_TITLE], [...PROBLEM_COLUMNS]];
  for (let i = 1; i <= rows; i++) {
    values.push(
      problemRow<CellValue>(i, {
        村: "老牛湾",
        问题描述: "水管坏了",
        办理状态: "办理中",
        解决日期: null,
        受益户数: 1,
        受益人数: 2,
        联系电话: "12345",
        ...extra,
      }),
    );
  }
  return values;
}

/** The engine's message for problemsSheet's bad phone number (its wording is the engine's business). */
export const PHONE_MESSAGE: string =
  engine({ date1904: false, sheets: [{ name: "民情问题台账", values: problemsSheet(1), merges: [] }] })[0]
    .findings[0]?.message ?? "";

/** Installs a strict Excel for the profile; the globals are restored after each test. */
export function useExcel(): (
  specs: readonly SheetSpec[],
  profile: Profile,
  measure?: boolean,
) => StrictExcel {
  const saved = {
    Excel: (globalThis as Record<string, unknown>).Excel,
    Office: (globalThis as Record<string, unknown>).Office,
  };
  afterEach(() => Object.assign(globalThis, saved));
  return (specs, profile, measure = false) => {
    const excel = strictExcel(specs, profile, measure);
    excel.install();
    return excel;
  };
}

/** What the pane does on a profile's level: notes (1.18), colours (1.13–1.17), the list (older). */
export function modeOf(profile: Profile): "notes" | "colours" | "list" {
  return profile.level >= 18 ? "notes" : profile.level >= 13 ? "colours" : "list";
}
