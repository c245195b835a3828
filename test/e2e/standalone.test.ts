import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Workbook } from "@cj-tech-master/excelts";
import type { Page } from "playwright-core";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { todayIn } from "../../shared/read/dates";
import { workbookToInput, RESULT_SHEET } from "../../shared/xlsx";
import { marksIn, notesOf, zipParts } from "../shared/xlsx/inspect";
import { PROBLEM_HEADER, PROBLEM_TITLE, problemRow } from "../fixtures/problem-rows";
import { ROOT } from "./harness";
import { localStack, signedIn } from "./stack";

/** A 民情问题台账 (2025) with one known mistake per data row from row 4 on, or none. */
async function problemsWorkbook(withMistakes: boolean): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("民情问题台账");
  ws.getCell("A1").value = PROBLEM_TITLE;
  ws.mergeCells("A1:M1");
  ws.addRow(PROBLEM_HEADER);
  const row = (n: number, cells: Parameters<typeof problemRow>[1] = {}) =>
    problemRow(n, { 编号: `MQ-00${n}`, 村: "老牛湾", ...cells }, PROBLEM_HEADER);
  const rows: unknown[][] = [
    row(1),
    row(2, {
      收集日期: "2025-09-03",
      解决日期: "2025-09-01",
      受益户数: 2,
      受益人数: 5,
      联系电话: "13800138001",
    }), // J4 解决日期 before 收集日期
    row(3, {
      收集日期: "2025-09-04",
      村: "火星村",
      问题类别: "道路",
      问题描述: "村道塌陷",
      办理状态: "办理中",
      解决日期: null,
      受益户数: 5,
      受益人数: 12,
      联系电话: "13800138002",
    }), // D5 unknown branch
    row(4, {
      收集日期: "2025-09-05",
      办理状态: "办理中",
      解决日期: null,
      受益户数: 1,
      受益人数: 2,
      联系电话: "12345",
    }), // M6 phone pattern
    row(5, {
      收集日期: "2025-09-06",
      办理状态: "处理完",
      解决日期: null,
      受益户数: 1,
      受益人数: 3,
      联系电话: "13800138003",
    }), // I7 enum
    row(6, {
      收集日期: "2099-01-01",
      办理状态: "待办",
      解决日期: null,
      受益户数: 1,
      受益人数: 1,
      联系电话: "13800138004",
    }), // C8 future date
  ];
  for (const row of withMistakes ? rows : rows.slice(0, 1)) ws.addRow(row);
  // The clerk's own fill and note, which the annotated copy must keep.
  ws.getCell("G3").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B0F0" } };
  ws.getCell("G3").note = "王会计：已电话回访";
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const EXPECTED_CELLS = ["J4", "D5", "M6", "I7", "C8"];
/** The workbook chosen in the first test, which the annotated download is compared with. */
let uploaded: Buffer = Buffer.alloc(0);

describe("standalone page", () => {
  const stack = localStack();
  let page: Page;

  beforeAll(async () => {
    const { worker, browser } = stack;
    const context = await signedIn(browser, worker.origin, worker.tokens.branch, {
      acceptDownloads: true,
      viewport: { width: 1000, height: 1400 },
    });
    page = await context.newPage();
    await page.goto(`${worker.origin}/`);
  });

  it("opens a workbook with known mistakes and shows each finding with its cell address", async () => {
    await page.getByText("测试支书").waitFor();
    const bytes = await problemsWorkbook(true);
    uploaded = bytes;
    await page.getByTestId("file-input").setInputFiles({
      name: "老牛湾村民情问题台账.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: bytes,
    });
    await page.getByText("已打开：老牛湾村民情问题台账.xlsx").waitFor();
    await page.getByRole("button", { name: /^定位到 J4：/ }).waitFor();

    // The same findings the engine gives in Node, each shown with its cell.
    const wb = new Workbook();
    await wb.xlsx.load(bytes);
    const [result] = validateWorkbook(workbookToInput(wb), {
      asOf: todayIn("Asia/Shanghai", new Date()),
      registry: DEFAULT_REGISTRY,
    });
    const cells = result.findings.map((f) => f.cell);
    expect(cells).toEqual(expect.arrayContaining(EXPECTED_CELLS));
    for (const f of result.findings) {
      if (!f.cell) continue;
      const button = page.getByRole("button", { name: `定位到 ${f.cell}：${f.message}`, exact: true });
      expect(await button.count(), `${f.cell} ${f.message}`).toBe(1);
    }
    await expect(page.getByText(`${result.errors} 个错误，${result.warnings} 个警告`).count()).resolves.toBe(
      1,
    );
    // The summary (loaded when first shown) comes with an SVG chart.
    await page.locator("svg[role=img]").first().waitFor();
    // The README's picture is refreshed on request (npm run screenshot); a plain run leaves the tree clean.
    const shot = process.env.LEDGERLINE_SCREENSHOT ?? join(ROOT, "test-results", "pane-screenshot.png");
    await page.screenshot({ path: shot, fullPage: true });
  });

  it("downloads the annotated workbook: each finding's cell marked and noted, the clerk's fill, note and parts kept", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载标记后的工作簿" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("老牛湾村民情问题台账-校验.xlsx");
    const path = await download.path();
    const bytes = new Uint8Array(readFileSync(path));
    const original = await zipParts(new Uint8Array(uploaded));
    const parts = await zipParts(bytes);
    expect(marksIn(parts.get("xl/worksheets/sheet1.xml") ?? "").error).toEqual(
      expect.arrayContaining(EXPECTED_CELLS),
    );
    const notes = (await notesOf(bytes))["民情问题台账"];
    for (const cell of EXPECTED_CELLS) expect(notes[cell], cell).toContain("【台账校验】");
    // The clerk's own note is kept, and so is every part the marks do not need.
    expect(notes.G3).toBe("王会计：已电话回访");
    for (const name of ["xl/sharedStrings.xml", "xl/theme/theme1.xml", "docProps/core.xml"])
      expect(parts.get(name), name).toBe(original.get(name));
    const wb = new Workbook();
    await wb.xlsx.load(bytes);
    const ws = wb.getWorksheet("民情问题台账");
    if (!ws) throw new Error("sheet missing");
    expect((ws.getCell("G3").fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe("FF00B0F0");
    const results = wb.getWorksheet(RESULT_SHEET);
    expect(results?.rowCount).toBeGreaterThanOrEqual(EXPECTED_CELLS.length + 1);
  });

  it("refuses to submit a sheet with errors, then submits the corrected one and shows the receipt", async () => {
    await page.getByRole("tab", { name: "提交" }).click();
    const panel = page.getByRole("region", { name: "提交台账" });
    await panel.getByRole("button", { name: "提交", exact: true }).click();
    await panel.getByText(/有 \d+ 个错误，改正后才能提交/).waitFor();

    await page.getByTestId("file-input").setInputFiles({
      name: "改正后.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await problemsWorkbook(false),
    });
    await page.getByText("已打开：改正后.xlsx").waitFor();
    await page.getByText("没有发现问题。").waitFor();
    await page.getByRole("tab", { name: "提交" }).click();
    const again = page.getByRole("region", { name: "提交台账" });
    expect(await again.getByLabel("周期").inputValue()).toBe("2025");
    await again.getByRole("button", { name: "提交", exact: true }).click();
    await again.getByText(/已提交“民情问题台账”：回执号 \d+，第 1 版，1 行/).waitFor({ timeout: 30_000 });

    const res = await fetch(`${stack.worker.origin}/api/submissions?year=2025`, {
      headers: { Authorization: `Bearer ${stack.worker.tokens.admin}` },
    });
    const body = (await res.json()) as { submissions: { kind: string; scope: string; rows: number }[] };
    expect(body.submissions).toEqual([
      expect.objectContaining({ kind: "problems", scope: "老牛湾村党支部", rows: 1 }),
    ]);
  });
});
