/** The CLI's --registry takes the registry the Worker takes (issue 13): a township's own ledger, and refusals in Chinese. */
import { afterAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { Workbook } from "@cj-tech-master/excelts";
import { FLOOD_DUTY, FLOOD_REGISTRY, FLOOD_SHEET } from "../fixtures/township";
import { AS_OF, cli, openXlsx, stderrLines, tempDir } from "./helpers";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const registryFile = (name: string, doc: unknown) => {
  const file = tmp.path(name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
};

describe("a township ledger in the CLI", () => {
  it("writes its template with a dropdown of the allowed values", async () => {
    const registry = registryFile("flood.json", FLOOD_REGISTRY);
    const out = tmp.path("flood-template.xlsx");
    const r = await cli("template", "flood-duty", "--out", out, "--registry", registry, "--year", "2025");
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const ws = (await openXlsx(out)).worksheets[0];
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      "序号",
      "日期*",
      "值班人*",
      "村*",
      "人数",
      "险情",
    ]);
    expect(ws.getCell("F3").dataValidation).toMatchObject({ type: "list", formulae: ['"无,一般,较大"'] });
    // Without the registry it is no kind.
    const none = await cli("template", "flood-duty", "--out", out);
    expect(none.code).toBe(2);
  });

  it("validates a filled sheet and prints its title and figures", async () => {
    const registry = registryFile("flood2.json", FLOOD_REGISTRY);
    const file = tmp.path("flood.xlsx");
    const wb = new Workbook();
    const ws = wb.addWorksheet("防汛值班");
    FLOOD_SHEET.forEach((row, i) => (ws.getRow(i + 1).values = row as never));
    await wb.xlsx.writeFile(file);
    const json = await cli("validate", file, "--json", "--as-of", AS_OF, "--registry", registry);
    expect(json.code).toBe(1);
    const sheet = JSON.parse(json.stdout).files[0].sheets[0];
    expect([sheet.kind, sheet.errors, sheet.findings.map((f: { cell: string }) => f.cell)]).toEqual([
      "flood-duty",
      4,
      ["D5", "E6", "C7", "B8"],
    ]);
    const text = await cli("summarize", file, "--as-of", AS_OF, "--registry", registry);
    expect(text.stdout).toContain("防汛值班台账");
    expect(text.stdout).toContain("人数合计");
    expect(text.stdout).toContain("按险情");
  });

  it("refuses an invalid registry with every problem on its field, in Chinese", async () => {
    const bad = registryFile("bad.json", {
      ...FLOOD_REGISTRY,
      ledgers: [
        { ...FLOOD_DUTY, id: "dues", columns: [FLOOD_DUTY.columns[0], { name: "险情", type: "enum" }] },
      ],
    });
    const r = await cli("validate", tmp.path("flood.xlsx"), "--registry", bad);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([
      `${bad}：不是有效的名册文件（本镇台账第 1 种“防汛值班台账” · 第 2 列“险情” · 可选值：可选值列表不能为空：请至少列出一个允许的值；本镇台账第 1 种“防汛值班台账” · 编号：编号“dues”已是内置台账“党费收缴台账”的编号，请换一个）。`,
    ]);
  });
});
