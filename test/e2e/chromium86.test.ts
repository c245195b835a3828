/**
 * The standalone page in a Chromium made to look like Chromium 86 (360安全浏览器 13's kernel:
 * every built-in and web API added since removed, "deflate-raw" refused; harness.ts AS_CHROMIUM_86).
 * The page installs its fallbacks and does the whole round against the local Worker — open, check,
 * download the marked copy and a template, submit, download the township workbook — with the
 * findings the engine gives in Node, and no script error.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Workbook } from "@cj-tech-master/excelts";
import type { Page } from "playwright-core";
import { validateWorkbook } from "../../shared/engine";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { todayIn } from "../../shared/read/dates";
import { workbookToInput } from "../../shared/xlsx";
import { ensureChartSupport } from "../../shared/xlsx/chart";
import { marksIn, zipParts } from "../shared/xlsx/inspect";
import { PROBLEM_HEADER, PROBLEM_TITLE, problemRow } from "../fixtures/problem-rows";
import { AS_CHROMIUM_86 } from "./harness";
import { localStack, signedIn } from "./stack";

/**
 * 300 rows of a 2025 民情问题台账 (enough to span several deflate blocks), every seventh with a bad
 * phone number unless `clean`.
 */
async function ledger(clean = false): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("民情问题台账");
  ws.addRow([PROBLEM_TITLE]);
  ws.addRow(PROBLEM_HEADER);
  for (let n = 1; n <= 300; n++) {
    const phone = n % 7 === 0 && !clean ? "12345" : "13800138000";
    ws.addRow(problemRow(n, { 村: "老牛湾", 联系电话: phone }, PROBLEM_HEADER));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the standalone page on a Chromium 86 kernel", () => {
  const stack = localStack();
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const { worker, browser } = stack;
    const context = await signedIn(browser, worker.origin, worker.tokens.admin, { acceptDownloads: true });
    await context.addInitScript({ content: AS_CHROMIUM_86 });
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${worker.origin}/`);
    await page.getByText("测试管理员").waitFor();
  });

  it("lacks what Chromium 86 lacks until the page gives it, and then has it", async () => {
    const probe = () => ({
      hasOwn: typeof Object.hasOwn,
      structuredClone: typeof globalThis.structuredClone,
      at: typeof ([] as unknown as { at?: unknown }).at,
      deflateRaw: (() => {
        try {
          new DecompressionStream("deflate-raw");
          return true;
        } catch {
          return false;
        }
      })(),
    });
    const bare = await stack.browser.newContext();
    await bare.addInitScript({ content: AS_CHROMIUM_86 });
    const blank = await bare.newPage();
    await blank.goto("about:blank");
    expect(await blank.evaluate(probe)).toEqual({
      hasOwn: "undefined",
      structuredClone: "undefined",
      at: "undefined",
      deflateRaw: false,
    });
    await bare.close();
    expect(await page.evaluate(probe)).toEqual({
      hasOwn: "function",
      structuredClone: "function",
      at: "undefined",
      deflateRaw: true,
    });
  });

  it("says why on a kernel older still, instead of a blank page", async () => {
    expect(await page.locator("#too-old").isVisible()).toBe(false);
    const older = await stack.browser.newContext({ locale: "zh-CN" });
    await older.addInitScript({ content: "delete globalThis.WeakRef;" });
    const old = await older.newPage();
    await old.goto(`${stack.worker.origin}/`);
    await old.getByText("台账通需要较新的浏览器").waitFor();
    await older.close();
  });

  it("reads, checks and marks a workbook through the fallback inflater, with the engine's findings", async () => {
    const bytes = await ledger();
    await page.getByTestId("file-input").setInputFiles({
      name: "老牛湾村民情问题台账.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: bytes,
    });
    const wb = new Workbook();
    await wb.xlsx.load(bytes);
    const [result] = validateWorkbook(workbookToInput(wb), {
      asOf: todayIn("Asia/Shanghai", new Date()),
      registry: DEFAULT_REGISTRY,
    });
    expect(result.errors).toBe(42);
    await page.getByText(`${result.errors} 个错误，${result.warnings} 个警告`).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载标记后的工作簿" }).click(),
    ]);
    const parts = await zipParts(new Uint8Array(readFileSync(await download.path())));
    const marked = marksIn(parts.get("xl/worksheets/sheet1.xml") ?? "").error;
    expect(marked.sort()).toEqual(result.findings.map((f) => f.cell ?? "").sort());
  });

  it("writes a template, submits, and writes the township workbook with the .xlsx writers", async () => {
    await page.getByRole("tab", { name: "插入模板" }).click();
    const [template] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载空白模板" }).click(),
    ]);
    const blank = new Workbook();
    await blank.xlsx.load(readFileSync(await template.path()));
    expect(blank.worksheets.length).toBeGreaterThan(0);

    await page.getByTestId("file-input").setInputFiles({
      name: "改正后.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: await ledger(true),
    });
    await page.getByText("没有发现问题。").waitFor();
    await page.getByRole("tab", { name: "提交" }).click();
    const panel = page.getByRole("region", { name: "提交台账" });
    await panel.getByRole("button", { name: "提交", exact: true }).click();
    await panel.getByText(/已提交“民情问题台账”：回执号 \d+，第 1 版，300 行/).waitFor({ timeout: 30_000 });

    // The township workbook: every branch's rows, figures and native charts (excelts clones their styles).
    await page.getByRole("tab", { name: "汇总全镇" }).click();
    const township = page.getByRole("region", { name: "汇总全镇" });
    await township.getByLabel("年度").fill("2025");
    await township.getByRole("button", { name: "汇总", exact: true }).click();
    const [consolidated] = await Promise.all([
      page.waitForEvent("download"),
      township.getByRole("button", { name: "下载全镇汇总" }).click(),
    ]);
    ensureChartSupport();
    const wb = new Workbook();
    await wb.xlsx.load(readFileSync(await consolidated.path()));
    expect(wb.worksheets.map((ws) => ws.name)).toContain("汇总");
    expect(errors).toEqual([]);
  });
});
