/**
 * eslint-plugin-office-addins guards the Excel adapter (addin/excel/**): a sync in a loop, a
 * parameter-less load or a property read before load and sync is refused by `npm run lint`.
 */
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function officeRules(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? "").filter((id) => id.startsWith("office-addins/"));
}

const LOOP = `export async function f(): Promise<void> {
  await Excel.run(async (context) => {
    for (const name of ["a", "b"]) {
      context.workbook.worksheets.getItem(name).activate();
      await context.sync();
    }
  });
}
`;

const READ_BEFORE_LOAD = `export async function f(): Promise<string> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load();
    await context.sync();
    const range = sheet.getRange("A1");
    return String(range.values);
  });
}
`;

describe("lint of the Excel adapter", () => {
  it("refuses a sync inside a loop in addin/excel", async () => {
    expect(await officeRules(LOOP, "addin/excel/probe.ts")).toContain(
      "office-addins/no-context-sync-in-loop",
    );
  }, 60_000);

  it("refuses a parameter-less load and a property read before load", async () => {
    const rules = await officeRules(READ_BEFORE_LOAD, "addin/excel/probe.ts");
    expect(rules).toEqual(
      expect.arrayContaining(["office-addins/no-empty-load", "office-addins/load-object-before-read"]),
    );
  }, 60_000);
});
