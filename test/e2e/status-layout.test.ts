/**
 * 报送情况 laid out by Chromium: at a task pane's 350 px and at 1366 px, no table cell is narrower
 * than two characters (issue 12: the table used to show one character per line).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { PROBLEM_HEADER, PROBLEM_TITLE, problemRow } from "../fixtures/problem-rows";
import { join } from "node:path";
import { ROOT, buildPane, launchBrowser, startWorker, type LocalWorker } from "./harness";

describe("报送情况 layout", () => {
  let worker: LocalWorker;
  let browser: Browser;

  beforeAll(async () => {
    await buildPane();
    worker = await startWorker(JSON.stringify(DEFAULT_REGISTRY));
    browser = await launchBrowser();
    // One branch has submitted and been returned, so the matrix shows more than one state.
    const headers = (token: string) => ({
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
    });
    const submitted = await fetch(`${worker.origin}/api/submissions`, {
      method: "POST",
      headers: headers(worker.tokens.branch),
      body: JSON.stringify({
        kind: "problems",
        period: "2025",
        sheetName: "民情问题台账",
        sheet: {
          values: [[PROBLEM_TITLE], PROBLEM_HEADER, problemRow(1, {}, PROBLEM_HEADER)],
          merges: [],
          date1904: false,
        },
        idempotencyKey: "status-layout-1",
      }),
    });
    const { id } = (await submitted.json()) as { id: string };
    const returned = await fetch(`${worker.origin}/api/submissions/${id}/return`, {
      method: "POST",
      headers: headers(worker.tokens.admin),
      body: JSON.stringify({ comment: "请补全受益人数" }),
    });
    expect(returned.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  async function openStatus(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN" });
    const page = await context.newPage();
    await page.addInitScript(
      ([serverUrl, token]) =>
        localStorage.setItem("ledgerline.settings", JSON.stringify({ serverUrl, token, locale: "zh-CN" })),
      [worker.origin, worker.tokens.admin],
    );
    await page.goto(`${worker.origin}/`);
    // A button in the toolbar, or a tab once the pane has tabs.
    await page
      .getByRole("button", { name: "报送情况" })
      .or(page.getByRole("tab", { name: "报送情况" }))
      .click();
    await page.getByRole("list", { name: "图例" }).waitFor();
    return page;
  }

  /** Every table cell of 报送情况 whose width is under two characters of its own font. */
  async function narrowCells(page: Page): Promise<{ cells: number; narrow: string[] }> {
    return page.getByRole("region", { name: "报送情况" }).evaluate((section) => {
      const cells = [...section.querySelectorAll<HTMLElement>("td, th, [role=cell], [role=columnheader]")];
      const narrow = cells
        .filter((c) => c.getBoundingClientRect().width < 2 * parseFloat(getComputedStyle(c).fontSize))
        .map((c) => `${c.textContent ?? ""} ${c.getBoundingClientRect().width}px`);
      return { cells: cells.length, narrow };
    });
  }

  it("at 350 px shows a card per unit, and no cell narrower than two characters", async () => {
    const page = await openStatus(350, 800);
    expect(await page.getByRole("article").count()).toBe(DEFAULT_REGISTRY.branches.length + 1);
    const { cells, narrow } = await narrowCells(page);
    expect(cells).toBeGreaterThan(DEFAULT_REGISTRY.branches.length);
    expect(narrow).toEqual([]);
    await page.getByRole("article", { name: "老牛湾村党支部" }).getByText("↩ 已退回").waitFor();
    // Nothing wider than the pane: the clerk never scrolls sideways to read a card.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ROOT, "test-results", "status-350.png"), fullPage: true });
    await page.context().close();
  });

  it("at 1366 px shows one table, and no cell narrower than two characters", async () => {
    const page = await openStatus(1366, 768);
    expect(await page.getByRole("article").count()).toBe(0);
    await page.getByRole("table", { name: "报送情况" }).waitFor();
    const { cells, narrow } = await narrowCells(page);
    expect(cells).toBeGreaterThan(DEFAULT_REGISTRY.branches.length * 12);
    expect(narrow).toEqual([]);
    await page.screenshot({ path: join(ROOT, "test-results", "status-1366.png") });
    await page.context().close();
  });
});
