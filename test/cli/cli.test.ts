import { afterAll, describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import {
  cli,
  cliProcess,
  cleanProblem,
  PROBLEM_HEADER,
  openXlsx,
  stderrLines,
  tempDir,
  writeProblems,
  AS_OF,
} from "./helpers";
import { RESULT_SHEET } from "../../shared/xlsx/annotate";
import { ReportSchema } from "../../shared/report";
import { listZipEntries, entryText } from "../../shared/xlsx/zip";
import { marksIn, notesOf } from "../shared/xlsx/inspect";

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function zipText(file: string, part: string): Promise<string> {
  const bytes = new Uint8Array(readFileSync(file));
  const entries = listZipEntries(bytes);
  if (typeof entries === "string") throw new Error(entries);
  const entry = entries.find((e) => e.name === part);
  if (!entry) return "";
  let text = "";
  for await (const chunk of entryText(bytes, entry)) text += chunk;
  return text;
}

/** Row 3 clean; row 4: 问题类别 修路 (enum), 解决日期 before 收集日期 (date-order). */
async function mixedFile(name: string): Promise<string> {
  const file = tmp.path(name);
  const bad = cleanProblem(2);
  bad[5] = "修路";
  bad[9] = new Date(Date.UTC(2025, 7, 1));
  await writeProblems(file, [cleanProblem(1), bad]);
  return file;
}

describe("validate", () => {
  it("exits 0 and says so for a clean ledger", async () => {
    const file = tmp.path("clean.xlsx");
    await writeProblems(file, [cleanProblem(1), cleanProblem(2)]);
    const r = await cli("validate", file, "--as-of", AS_OF);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("【民情问题台账】民情问题台账，表头在第 2 行，2 行数据：0 个错误，0 个警告");
    expect(r.stdout.trim().split("\n").at(-1)).toBe("合计：1 个文件，1 张工作表，0 个错误，0 个警告。");
  });

  it("exits 1 and prints each finding with its cell address, grouped by sheet", async () => {
    const file = await mixedFile("mixed.xlsx");
    const r = await cliProcess(["validate", file, "--as-of", AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe(file);
    expect(lines[1]).toBe("  【民情问题台账】民情问题台账，表头在第 2 行，2 行数据：2 个错误，0 个警告");
    expect(lines[2]).toMatch(/^ {4}错误 {2}F4 问题类别 {2}问题类别“修路”.*建议：.*道路/);
    expect(lines[3]).toMatch(/^ {4}错误 {2}J4 解决日期 {2}解决日期 2025-08-01 早于收集日期 2025-09-02/);
    expect(lines.at(-2)).toBe("合计：1 个文件，1 张工作表，2 个错误，0 个警告。");
  });

  it("with --branch, flags rows about another branch; without it the same file is clean", async () => {
    const file = tmp.path("branch.xlsx");
    const other = cleanProblem(2);
    other[PROBLEM_HEADER.indexOf("村")] = "乾坤湾村";
    await writeProblems(file, [cleanProblem(1), other]);
    expect((await cli("validate", file, "--as-of", AS_OF)).code).toBe(0);
    const r = await cli("validate", file, "--as-of", AS_OF, "--branch", "老牛湾", "--json");
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).files[0].sheets[0].findings;
    expect(findings.map((f: { code: string; cell: string }) => [f.code, f.cell])).toEqual([
      ["inconsistent", "D4"],
    ]);
    const unknown = await cli("validate", file, "--branch", "火星村");
    expect(unknown.code).toBe(2);
  });

  it("prints exactly the documented report object with --json", async () => {
    const file = await mixedFile("json.xlsx");
    const r = await cli("validate", file, "--json", "--as-of", AS_OF);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(["asOf", "files"]);
    expect(report.asOf).toBe(AS_OF);
    expect(report.files).toHaveLength(1);
    expect(Object.keys(report.files[0])).toEqual(["file", "sheets"]);
    const sheet = report.files[0].sheets[0];
    expect(Object.keys(sheet)).toEqual([
      "sheet",
      "kind",
      "headerRow",
      "rows",
      "errors",
      "warnings",
      "findings",
      "summary",
    ]);
    expect(sheet).toMatchObject({
      sheet: "民情问题台账",
      kind: "problems",
      headerRow: 2,
      rows: 2,
      errors: 2,
      warnings: 0,
    });
    expect(sheet.findings.map((f: { code: string; cell: string }) => [f.code, f.cell])).toEqual([
      ["enum", "F4"],
      ["date-order", "J4"],
    ]);
    expect(Object.keys(sheet.findings[0])).toEqual([
      "code",
      "severity",
      "sheet",
      "cell",
      "row",
      "column",
      "message",
      "hint",
      "key",
      "params",
    ]);
    // The finding's message keyed, so a client can show it in English (the zh-CN text is unchanged).
    expect(sheet.findings[1]).toMatchObject({
      message: "解决日期 2025-08-01 早于收集日期 2025-09-02，解决日期不能早于收集日期。",
      key: "row.dateOrder",
      params: { column: "解决日期", value: "2025-08-01", earlier: "收集日期", earlierValue: "2025-09-02" },
    });
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(sheet.summary.total).toBe(2);
  });

  it("reports an unknown sheet once and does not validate it", async () => {
    const file = tmp.path("unknown.xlsx");
    await writeProblems(file, [cleanProblem(1)], {
      extra: (wb) => (wb.addWorksheet("备忘").getCell("A1").value = "随手记"),
    });
    const r = await cli("validate", file, "--json", "--as-of", AS_OF);
    expect(r.code).toBe(0);
    const sheet = JSON.parse(r.stdout).files[0].sheets[1];
    expect(sheet).toMatchObject({
      sheet: "备忘",
      kind: null,
      headerRow: null,
      rows: 0,
      errors: 0,
      warnings: 0,
    });
    expect(sheet.findings.map((f: { code: string }) => f.code)).toEqual(["unknown-sheet"]);
    expect(sheet).not.toHaveProperty("summary");
  });

  it("still reports readable files when others are unreadable, one stderr line each, exit 2", async () => {
    const good = await mixedFile("good.xlsx");
    const xls = tmp.path("old.xls");
    writeFileSync(xls, "x");
    const corrupt = tmp.path("corrupt.xlsx");
    writeFileSync(corrupt, "PK\u0003\u0004garbage");
    const r = await cliProcess(["validate", xls, good, corrupt, "--json", "--as-of", AS_OF]);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([
      `${xls}：请另存为 .xlsx 格式后再校验。`,
      `${corrupt}：不是有效的 .xlsx 文件（文件已损坏或不是 Excel 工作簿），无法读取。`,
    ]);
    expect(JSON.parse(r.stdout).files.map((f: { file: string }) => f.file)).toEqual([good]);
  });

  it("refuses an encrypted file with one line naming it", async () => {
    const file = tmp.path("enc.xlsx");
    const cfb = Buffer.alloc(1024);
    Buffer.from("d0cf11e0a1b11ae1", "hex").copy(cfb);
    writeFileSync(file, cfb);
    const r = await cliProcess(["validate", file]);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([
      `${file}：文件已加密或是旧版 Excel 格式，请取消密码并另存为 .xlsx 格式后再校验。`,
    ]);
    expect(r.stderr).not.toMatch(/at .*\(/);
  });

  it("runs through the package bin (npx ledgerline)", async () => {
    const file = await mixedFile("bin.xlsx");
    const r = await cliProcess(["validate", file, "--json", "--as-of", AS_OF], "bin");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].sheets[0].errors).toBe(2);
  });

  it("defaults --as-of to today in Asia/Shanghai", async () => {
    const file = await mixedFile("today.xlsx");
    const r = await cli("validate", file, "--json");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect(JSON.parse(r.stdout).asOf).toBe(today);
  });

  it.each([
    [["validate"], "请至少指定一个 .xlsx 文件。"],
    [
      ["validate", "a.xlsx", "--as-of", "2025-13-01"],
      "--as-of 的值“2025-13-01”不是有效日期，应为 YYYY-MM-DD。",
    ],
    [["validate", "a.xlsx", "--frobnicate"], "参数有误：Unknown option '--frobnicate'"],
    [["frobnicate"], "未知命令“frobnicate”。"],
    [["annotate", "a.xlsx"], "缺少参数 --out。"],
  ])("exits 2 with a short usage line for bad usage: %j", async (argv, line) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(stderrLines(r)[0]).toBe(line);
    expect(stderrLines(r)[1]).toMatch(/^用法：ledgerline /);
    expect(r.stdout).toBe("");
  });

  it("uses a registry file, and refuses an invalid one with exit 2", async () => {
    const file = tmp.path("registry-ledger.xlsx");
    await writeProblems(file, [cleanProblem(1)]);
    const registry = tmp.path("registry.json");
    writeFileSync(
      registry,
      JSON.stringify({ township: { name: "某镇" }, branches: [{ name: "某村党支部", village: "某村" }] }),
    );
    const r = await cli("validate", file, "--json", "--as-of", AS_OF, "--registry", registry);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files[0].sheets[0].findings[0]).toMatchObject({
      code: "unknown-branch",
      cell: "D3",
    });
    const bad = tmp.path("bad-registry.json");
    writeFileSync(bad, JSON.stringify({ branches: [] }));
    const r2 = await cli("validate", file, "--registry", bad);
    expect(r2.code).toBe(2);
    expect(stderrLines(r2)).toHaveLength(1);
    expect(stderrLines(r2)[0]).toMatch(
      new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}：不是有效的名册文件`),
    );
  });
});

describe("validate --lang en", () => {
  it("prints each finding in English from its key, the sheet's own words kept", async () => {
    const file = await mixedFile("mixed-en.xlsx");
    const r = await cli("validate", file, "--as-of", AS_OF, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "    error  J4 解决日期  解决日期 2025-08-01 is before 收集日期 2025-09-02; 解决日期 cannot be before 收集日期.  Fix: Check the two dates.",
    );
    expect(r.stdout).not.toMatch(/[。，；]/u);
  });
});

describe("summarize", () => {
  it("prints the same envelope without findings", async () => {
    const file = await mixedFile("summary.xlsx");
    const r = await cli("summarize", file, "--json", "--as-of", AS_OF);
    expect(r.code).toBe(1);
    const sheet = JSON.parse(r.stdout).files[0].sheets[0];
    expect(Object.keys(sheet)).toEqual([
      "sheet",
      "kind",
      "headerRow",
      "rows",
      "errors",
      "warnings",
      "summary",
    ]);
    expect(sheet.summary).toMatchObject({ total: 2, resolved: 2 });
  });

  it("prints the figures and the inferred period as text", async () => {
    const file = await mixedFile("summary-text.xlsx");
    const r = await cli("summarize", file, "--as-of", AS_OF);
    expect(r.stdout).toContain("【民情问题台账】民情问题台账，2 行数据  周期：2025");
    expect(r.stdout).toContain("    问题总数：2 件");
    expect(r.stdout).toContain("    解决率：100%");
    expect(r.stdout).not.toMatch(/total|resolvedRate/);
  });

  it("prints the figures' English labels with --lang en", async () => {
    const file = await mixedFile("summary-en.xlsx");
    const r = await cli("summarize", file, "--as-of", AS_OF, "--lang", "en");
    expect(r.stdout).toContain("    Problems: 2 cases");
    expect(r.stdout).toContain("    Resolution rate: 100%");
  });
});

describe("annotate", () => {
  it("marks and notes each finding's cell, leaves the clerk's note alone, and lists findings in 校验结果", async () => {
    const file = tmp.path("to-annotate.xlsx");
    const bad = cleanProblem(2);
    bad[5] = "修路";
    bad[6] = "=SUM(A1:A3) 不是公式";
    bad[3] = "老牛弯";
    await writeProblems(file, [cleanProblem(1), bad], {
      extra: (wb) => (wb.getWorksheet("民情问题台账")!.getCell("F4").note = "村里报的原话"),
    });
    const out = tmp.path("annotated.xlsx");
    const r = await cli("annotate", file, "--out", out, "--as-of", AS_OF);
    // It wrote the copy it was asked for: exit 0, whatever the copy marks (exit 1 is validate's).
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`已写入 ${out}：标注了 2 个单元格，共 2 条校验结果。\n`);

    expect(marksIn(await zipText(out, "xl/worksheets/sheet1.xml"))).toEqual({
      error: ["D4", "F4"],
      warning: [],
    });
    const notes = (await notesOf(new Uint8Array(readFileSync(out))))["民情问题台账"];
    // The clerk's note stays as it was; the other marked cell gets ours.
    expect(notes.F4).toBe("村里报的原话");
    expect(notes.D4).toMatch(
      /^【台账校验】村“老牛弯”不在本镇的村（支部）名单中。\n建议：是否应为“老牛湾村党支部”？$/,
    );
    const wb = await openXlsx(out);
    expect(wb.getWorksheet("民情问题台账")!.getCell("G4").value).toBe("=SUM(A1:A3) 不是公式");

    const results = wb.getWorksheet(RESULT_SHEET)!;
    const rows: unknown[][] = [];
    results.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[1]).toEqual(["工作表", "单元格", "级别", "问题类型", "列", "问题", "建议"]);
    expect(rows[2].slice(0, 5)).toEqual([
      "民情问题台账",
      { text: "D4", hyperlink: "#'民情问题台账'!D4" },
      "错误",
      "村（支部）不在名单中",
      "村",
    ]);
    expect(rows[3].slice(0, 5)).toEqual([
      "民情问题台账",
      { text: "F4", hyperlink: "#'民情问题台账'!F4" },
      "错误",
      "不是规定选项",
      "问题类别",
    ]);
  });

  it("marks a finding inside a merged area on the area's visible cell", async () => {
    const file = tmp.path("merged.xlsx");
    const a = cleanProblem(1);
    const b = cleanProblem(2);
    a[3] = "某某村";
    b[3] = null;
    await writeProblems(file, [a, b], {
      extra: (wb) => wb.getWorksheet("民情问题台账")!.mergeCells("D3:D4"),
    });
    const out = tmp.path("merged-annotated.xlsx");
    const r = await cli("annotate", file, "--out", out, "--as-of", AS_OF);
    // It wrote the copy it was asked for: exit 0, whatever the copy marks (exit 1 is validate's).
    expect(r.code).toBe(0);
    expect(marksIn(await zipText(out, "xl/worksheets/sheet1.xml")).error).toEqual(["D3"]);
    expect((await notesOf(new Uint8Array(readFileSync(out))))["民情问题台账"].D3).toContain("某某村");
  });

  it("writes formula-like text as text, never as a formula", async () => {
    const file = tmp.path("formula-sheet.xlsx");
    const bad = cleanProblem(1);
    bad[5] = "修路";
    await writeProblems(file, [bad], { sheetName: "=民情问题台账" });
    const out = tmp.path("formula-annotated.xlsx");
    const r = await cli("annotate", file, "--out", out, "--as-of", AS_OF);
    expect(r.code).toBe(0);
    const wb = await openXlsx(out);
    const a3 = wb.getWorksheet(RESULT_SHEET)!.getCell("A3");
    expect(a3.value).toBe("=民情问题台账");
    expect(a3.numFmt).toBe("@");
    const sheets = await zipText(out, "xl/workbook.xml");
    const index = [...sheets.matchAll(/<sheet [^>]*name="([^"]+)"/g)].findIndex((m) => m[1] === RESULT_SHEET);
    const xml = await zipText(out, `xl/worksheets/sheet${index + 1}.xml`);
    expect(xml).not.toContain("<f>");
  });

  it("replaces its own 校验结果 sheet when run again", async () => {
    const file = await mixedFile("twice.xlsx");
    const once = tmp.path("once.xlsx");
    const twice = tmp.path("twice-out.xlsx");
    await cli("annotate", file, "--out", once, "--as-of", AS_OF);
    const r = await cli("annotate", once, "--out", twice, "--as-of", AS_OF);
    expect(r.stdout).toContain("共 2 条校验结果");
    const wb = await openXlsx(twice);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["民情问题台账", RESULT_SHEET]);
    // The first run's marks and notes are replaced, not doubled.
    expect(await zipText(twice, "xl/worksheets/sheet1.xml")).toBe(
      await zipText(once, "xl/worksheets/sheet1.xml"),
    );
    expect(await zipText(twice, "xl/comments1.xml")).toBe(await zipText(once, "xl/comments1.xml"));
  });

  it("refuses an unreadable input with exit 2 and one line", async () => {
    const csv = tmp.path("a.csv");
    writeFileSync(csv, "a,b");
    const r = await cli("annotate", csv, "--out", tmp.path("x.xlsx"));
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`${csv}：请另存为 .xlsx 格式后再校验。`]);
  });
});

describe("template", () => {
  it("writes a blank ledger with headers, dropdowns for enum columns, hints and A4 setup", async () => {
    const out = tmp.path("template.xlsx");
    const r = await cli("template", "problems", "--out", out, "--year", "2025");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`已写入 ${out}：空白民情问题台账模板。\n`);
    const wb = await openXlsx(out);
    const ws = wb.getWorksheet("民情问题台账")!;
    expect(ws.getCell("A1").value).toBe("老牛湾镇民情问题台账（2025年）");
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([
      "序号",
      "编号*",
      "收集日期*",
      "村*",
      "收集人",
      "问题类别*",
      "问题描述*",
      "责任人",
      "办理状态*",
      "解决日期",
      "受益户数",
      "受益人数",
      "联系电话",
    ]);
    const f3 = ws.dataValidations.find("F3");
    expect(f3).toMatchObject({
      type: "list",
      formulae: ['"饮水,道路,住房,医疗,教育,就业,社会保障,环境卫生,产业,其他"'],
    });
    expect(ws.dataValidations.find("I100")).toMatchObject({
      type: "list",
      formulae: ['"待办,办理中,已解决,无法解决"'],
    });
    expect(ws.dataValidations.find("D3")).toMatchObject({ type: "list" });
    expect(ws.dataValidations.find("C3")).toMatchObject({
      prompt: "必填。请填写日期，如 2025-09-12。",
      showInputMessage: true,
    });
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
  });

  it("validates clean with no findings once written", async () => {
    const out = tmp.path("template-valid.xlsx");
    await cli("template", "problems", "--out", out, "--year", "2025");
    const r = await cli("validate", out, "--json", "--as-of", AS_OF);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0].sheets[0]).toMatchObject({
      kind: "problems",
      rows: 0,
      errors: 0,
      findings: [],
    });
  });

  it("exits 2 for an unknown kind, listing the kinds", async () => {
    const r = await cli("template", "nonsense", "--out", tmp.path("n.xlsx"));
    expect(r.code).toBe(2);
    expect(stderrLines(r)[0]).toMatch(/^没有名为“nonsense”的台账类型。可用的类型：problems（民情问题台账）/);
  });
});
