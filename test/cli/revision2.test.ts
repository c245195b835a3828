/**
 * Spec revision 2 through the front doors: the same real-shaped workbooks give the same findings
 * and figures through the CLI (`validate --json`), the standalone page's reader and the engine
 * (the Worker's side is test/worker/figures.test.ts and straddling.test.ts).
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import type { SheetInput } from "../../shared/workbook";
import type { SheetReport } from "../../shared/report";
import { createFileHost } from "../../addin/file/host";
import { duesRow, duesSheet, exportRoll, filledProblemsTemplate, idOf, writeXlsx } from "../fixtures";
import { AS_OF, cli, tempDir } from "./helpers";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** The workbooks, each written as a real .xlsx file, and the findings each must give. */
const WORKBOOKS: Record<string, [() => Promise<string>, string[]]> = {
  "民情问题台账 from our template, pre-numbered": [
    async () => {
      const path = tmp.path("template.xlsx");
      await filledProblemsTemplate("formula").xlsx.writeFile(path);
      return path;
    },
    [],
  ],
  "党费收缴台账 under a merged 缴纳情况": [
    () =>
      write("dues.xlsx", [
        duesSheet([
          duesRow(1, "张三", "农民", null, 1, [null, null, 3, null, null, 3, null, null, 3]),
          duesRow(2, "李四", "农民", null, 1, [1, 1, 1, 1, 1]),
          duesRow(3, "王五", "务农", null, 1, ["√", "√", "√", "√", "√", "√", "√", "√", "√"]),
        ]),
      ]),
    ["error enum C6", "warning dues-unpaid B5"],
  ],
  "党员花名册 exported by the party-membership system": [
    () =>
      write("roll.xlsx", [
        exportRoll(
          [
            ["张三", "男", idOf("1980-02-11", true), 1980.02, "2001.03", "2002.07", "2003.07", "正式党员"],
            ["李梅", "女", idOf("1993-08-08", false), 1993.08, "2023-11-01", "2024-10-15", null, "预备党员"],
            ["王五", "男", idOf("1980-01-20", true, 2), 1980.1, "2001.03", "2002.07", "2003.07", "正式党员"],
          ],
          { extension: true },
        ),
      ]),
    ["error type E4", "warning development I3"],
  ],
};

async function write(name: string, sheets: SheetInput[]): Promise<string> {
  const path = tmp.path(name);
  await writeXlsx(path, sheets);
  return path;
}

const comparable = (r: SheetReport) => ({
  kind: r.kind,
  rows: r.rows,
  findings: r.findings,
  summary: r.summary,
});

describe("spec revision 2 through every door", () => {
  it.each(Object.keys(WORKBOOKS))("gives the same findings and figures for the %s", async (label) => {
    const [make, expected] = WORKBOOKS[label];
    const path = await make();
    const json = await cli("validate", path, "--json", "--as-of", AS_OF);
    const fromCli = (JSON.parse(json.stdout) as { files: { sheets: SheetReport[] }[] }).files[0].sheets.map(
      comparable,
    );

    const bytes = readFileSync(path);
    const host = createFileHost();
    const opened = await host.open({
      name: "ledger.xlsx",
      size: bytes.length,
      arrayBuffer: async () =>
        bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer,
    });
    expect(opened.ok).toBe(true);
    const page = await host.validate("all", (wb, sheets) =>
      validateWorkbook(wb, { asOf: AS_OF, registry: DEFAULT_REGISTRY, sheets }),
    );
    expect(fromCli).toEqual(page.results.map(comparable));
    expect(fromCli[0].findings.map((f) => `${f.severity} ${f.code} ${f.cell}`)).toEqual(expected);
  });
});
