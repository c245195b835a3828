/**
 * One path for figures (issue 9, item 4): every kind's figures as the Worker gives them from its
 * stored records equal the figures the engine gives the clerk for the same sheet; and the Worker
 * reads a pre-numbered template as the clerk's machine does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { SheetResult } from "../../shared/report";
import type { CellValue } from "../../shared/workbook";
import { Workbook } from "@cj-tech-master/excelts";
import { workbookToInput } from "../../shared/xlsx/convert";
import { duesLedger, filledProblemsTemplate, sampleFiles, toWorkbookInput, type Ledger } from "../fixtures";
import { BRANCH1, call, newKey, seedUsers } from "./helpers";

const AS_OF = "2025-10-01"; // the Worker's AS_OF in these tests

/** The branch workbook with 老牛湾村's dues in arrears (warnings only: a true ledger). */
function branchSheets(): Ledger[] {
  const file = sampleFiles().find((f) => f.file === "老牛湾村党支部台账2025.xlsx");
  if (!file) throw new Error("branch sample missing");
  const dues = duesLedger({ village: "老牛湾村", rows: 18 });
  const first = dues.headerRows[dues.headerRows.length - 1];
  // Three members paid nothing after June; one paid nothing at all.
  for (const [i, from] of [
    [0, 6],
    [1, 6],
    [2, 6],
    [3, 0],
  ] as const) {
    const row = dues.values[first + i] as CellValue[];
    for (let m = from; m < 9; m++) row[5 + m] = null;
    row[17] = Math.round(((row[4] as number) * from + Number.EPSILON) * 100) / 100;
  }
  return file.sheets.map((s) => (s.kind === "dues" ? dues : s));
}

function officeSheets(): Ledger[] {
  const file = sampleFiles().find((f) => f.file === "老牛湾镇党建办台账2025.xlsx");
  if (!file) throw new Error("office sample missing");
  return file.sheets;
}

/** Submits each sheet as its own submission; answers the engine's result for each, as the clerk saw it. */
async function submitAll(who: "office" | "branch1", sheets: Ledger[]): Promise<SheetResult[]> {
  const input = toWorkbookInput(sheets);
  const results = validateWorkbook(input, { asOf: AS_OF, registry: DEFAULT_REGISTRY });
  for (const [i, result] of results.entries()) {
    const sheet = input.sheets[i];
    const res = await call(who, "POST", "/api/submissions", {
      kind: result.kind,
      period: result.period,
      sheetName: sheet.name,
      sheet: { values: sheet.values, merges: sheet.merges, date1904: false },
      idempotencyKey: newKey(),
    });
    expect([result.kind, res.status]).toEqual([result.kind, 201]);
  }
  return results;
}

let office: SheetResult[] = [];
let branch: SheetResult[] = [];

beforeAll(async () => {
  await seedUsers();
  office = await submitAll("office", officeSheets());
  branch = await submitAll("branch1", branchSheets());
});

describe("the township's figures", () => {
  it("equal the clerk's for every kind, computed from the Worker's stored records", async () => {
    const pairs = [...office.map((r) => [r, "office"] as const), ...branch.map((r) => [r, BRANCH1] as const)];
    // Every kind once: the office's five and the branch's seven (考核评价表 is 2024's).
    expect(new Set(pairs.map(([r]) => r.kind)).size).toBe(12);
    for (const [result, scope] of pairs) {
      const res = await call("office", "GET", `/api/summary?year=${(result.period ?? "").slice(0, 4)}`);
      expect(res.status).toBe(200);
      const kind = res.body.kinds.find((k: { kind: string }) => k.kind === result.kind);
      expect([result.kind, kind?.byBranch[scope]]).toEqual([result.kind, result.summary]);
    }
  });

  it("count the months of arrears the clerk's machine counts (no month read as unknown)", async () => {
    const dues = branch.find((r) => r.kind === "dues");
    expect(dues?.summary).toMatchObject({ unpaidMonths: 18, inArrears: 4 });
    const res = await call("office", "GET", "/api/summary?year=2025");
    const kind = res.body.kinds.find((k: { kind: string }) => k.kind === "dues");
    expect(kind.total).toMatchObject({ unpaidMonths: 18, inArrears: 4 });
  });
});

describe("a pre-numbered template submitted to the Worker", () => {
  it("is read as the clerk's machine reads it: template rows skipped, formula cells known", async () => {
    const wb = new Workbook();
    await wb.xlsx.load(await filledProblemsTemplate("formula").xlsx.writeBuffer());
    const sheet = workbookToInput(wb).sheets[0];
    const res = await call("office", "POST", "/api/submissions", {
      kind: "problems",
      period: "2025",
      sheetName: sheet.name,
      sheet: { values: sheet.values, merges: sheet.merges, formulas: sheet.formulas, date1904: false },
      idempotencyKey: newKey(),
    });
    expect([res.status, res.body.rows, res.body.findings]).toEqual([201, 3, []]);
  });
});
