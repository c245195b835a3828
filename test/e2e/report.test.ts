/**
 * The 季总结 / 年盘点 print view (issue 15) in Chromium: the 2025 年盘点 of 老牛湾镇 from a Worker
 * holding the sample ledgers, printed on A4 with charts, and no table row cut by a page break.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { SAMPLE_AS_OF } from "../fixtures";
import { startLocalWorker, type LocalWorkerServer } from "../fixtures/worker-server";
import { submitSamples } from "../fixtures/submit-samples";
import { docxCharts, documentBlocks } from "../fixtures/docx";
import { ROOT, buildPane, launchBrowser } from "./harness";

const TOKENS = { admin: "e2e-report-admin", branch: "e2e-report-branch" };
/** A4 less the print CSS's @page margins (18 mm top and bottom, 16 mm left and right), in CSS px. */
const MM = 96 / 25.4;
const PAGE = { width: (210 - 32) * MM, height: (297 - 36) * MM };

describe("the report's print view", () => {
  let worker: LocalWorkerServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await buildPane();
    worker = await startLocalWorker({ tokens: TOKENS, registry: DEFAULT_REGISTRY, asOf: SAMPLE_AS_OF });
    await submitSamples(worker.url, { office: TOKENS.admin, branch: TOKENS.branch });
    browser = await launchBrowser();
    page = await (
      await browser.newContext({
        acceptDownloads: true,
        viewport: { width: 900, height: 1200 },
        locale: "zh-CN",
      })
    ).newPage();
    await page.addInitScript(
      ([serverUrl, token]) =>
        localStorage.setItem("ledgerline.settings", JSON.stringify({ serverUrl, token, locale: "zh-CN" })),
      [worker.url, TOKENS.admin],
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  it("shows the 2025 年盘点 with its charts, and prints it on A4", async () => {
    await page.goto(`${worker.url}/report.html?year=2025`);
    await page.getByRole("heading", { level: 1, name: "老牛湾镇2025年年盘点（初稿）" }).waitFor();
    expect(await page.title()).toBe("老牛湾镇2025年年盘点（初稿）");
    expect(await page.locator("figure.chart svg[role=img]").count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator(".placeholder").count()).toBeGreaterThanOrEqual(10);
    // The README's picture of the draft's first page, refreshed on request (npm run screenshot).
    const shot =
      process.env.LEDGERLINE_REPORT_SCREENSHOT ?? join(ROOT, "test-results", "report-screenshot.png");
    const sheet = await page.locator("article.sheet").boundingBox();
    if (!sheet) throw new Error("no sheet");
    await page.screenshot({
      path: shot,
      fullPage: true,
      clip: { x: sheet.x, y: sheet.y, width: sheet.width, height: 297 * MM },
    });

    // 下载 Word: the same .docx the CLI writes, built in the page.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载 Word" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("老牛湾镇2025年年盘点（初稿）.docx");
    const bytes = new Uint8Array(readFileSync(await download.path()));
    expect(documentBlocks(bytes)[0]).toEqual({ paragraph: "老牛湾镇2025年年盘点（初稿）" });
    // The charts the page shows, as Word charts, in the same order.
    const shown = await page.locator("figure.chart figcaption").allTextContents();
    expect(docxCharts(bytes).map((c) => c.title)).toEqual(shown);

    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".toolbar").isVisible()).toBe(false);
    const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true })).toString(
      "latin1",
    );
    const pages = pdf.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(3);
    // Every page is A4 (595 × 842 pt).
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(boxes.length).toBe(pages);
    for (const [, w, h] of boxes) expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([595, 842]);
  });

  it("breaks pages between table rows, never inside one", async () => {
    await page.emulateMedia({ media: "print" });
    // The print layout fragmented into A4-sized columns: Chromium's fragmentation, the rules print uses.
    const cut = await page.evaluate(({ width, height }) => {
      const sheet = document.querySelector<HTMLElement>("article.sheet");
      if (!sheet) return ["no sheet"];
      Object.assign(sheet.style, {
        width: `${width}px`,
        height: `${height}px`,
        columnWidth: `${width}px`,
        columnGap: "0px",
        columnFill: "auto",
      });
      const left = sheet.getBoundingClientRect().left;
      const rows = [...sheet.querySelectorAll("tr")];
      const problems: string[] = [];
      let columns = 0;
      const columnOf = (x: number) => Math.floor((x - left) / width);
      for (const tr of rows) {
        const rects = [...tr.getClientRects()];
        columns = Math.max(columns, ...rects.map((r) => columnOf(r.left + 1) + 1));
        // A header row is repeated on every page its table reaches; a body row is one piece.
        const header = tr.parentElement?.tagName === "THEAD";
        const whole = rects.every((r) => columnOf(r.left + 1) === columnOf(r.right - 1));
        if (!whole || (!header && rects.length !== 1)) problems.push(tr.textContent ?? "");
      }
      return rows.length < 100
        ? [`only ${rows.length} rows`]
        : columns < 3
          ? [`only ${columns} pages`]
          : problems;
    }, PAGE);
    expect(cut).toEqual([]);
  });
});
