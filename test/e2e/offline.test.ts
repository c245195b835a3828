/**
 * The standalone page with the network gone, against the real local Worker (Chromium, Playwright's
 * offline switch): after one visit the page opens from its service worker, checks, marks,
 * summarises and templates a workbook; a submission made offline waits (in IndexedDB, across a
 * reload) and is sent once when the clerk confirms online; an answer lost on the way is resent
 * with the same key and makes no second version. The Excel pane is left to the network.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { Workbook } from "@cj-tech-master/excelts";
import type { BrowserContext, Page } from "playwright-core";
import { zipParts } from "../shared/xlsx/inspect";
import { PROBLEM_HEADER, PROBLEM_TITLE, problemRow } from "../fixtures/problem-rows";
import { localStack, signedIn } from "./stack";

const OFFLINE = "离线：校验、标记、汇总和模板照常可用，提交将在联网后进行";

/** A clean 2025 民情问题台账 of 老牛湾村 with `rows` rows. */
async function problems(rows: number): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("民情问题台账");
  ws.getCell("A1").value = PROBLEM_TITLE;
  ws.addRow(PROBLEM_HEADER);
  for (let n = 1; n <= rows; n++)
    ws.addRow(problemRow(n, { 编号: `MQ-10${n}`, 村: "老牛湾" }, PROBLEM_HEADER));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("the standalone page offline", () => {
  const stack = localStack();

  /** The versions of 老牛湾村's 2025 民情问题台账 the Worker holds, current and older. */
  async function versions(): Promise<number[]> {
    const res = await fetch(`${stack.worker.origin}/api/submissions?year=2025&kind=problems&all=1`, {
      headers: { Authorization: `Bearer ${stack.worker.tokens.admin}` },
    });
    const body = (await res.json()) as { submissions: { version: number }[] };
    return body.submissions.map((s) => s.version).sort((a, b) => a - b);
  }

  /** A fresh browser profile signed in as 老牛湾村's secretary, the page visited once online. */
  async function visit(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await signedIn(stack.browser, stack.worker.origin, stack.worker.tokens.branch, {
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${stack.worker.origin}/`);
    await page.getByText("测试支书").waitFor();
    // The first visit's service worker has cached every file and taken the page over.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    return { context, page };
  }

  async function open(page: Page, name: string, bytes: Buffer): Promise<void> {
    await page.getByTestId("file-input").setInputFiles({
      name,
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: bytes,
    });
    await page.getByText(`已打开：${name}`).waitFor();
    await page.getByText("没有发现问题。").waitFor();
  }

  async function submit(page: Page): Promise<void> {
    await page.getByRole("tab", { name: "提交" }).click();
    const panel = page.getByRole("region", { name: "提交台账" });
    await panel.getByRole("button", { name: "提交", exact: true }).click();
  }

  it("the Worker serves the service worker script for every visit to check, never from a cache", async () => {
    const res = await fetch(`${stack.worker.origin}/sw.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("opens, checks, marks, summarises and templates offline; a queued submission is sent once online", async () => {
    const before = await versions();
    const { context, page } = await visit();
    await context.setOffline(true);
    await page.reload();
    await page.getByText(OFFLINE).waitFor();
    // The user the server named last stands while it cannot be asked.
    await page.getByText("测试支书").waitFor();

    await open(page, "老牛湾村民情问题台账.xlsx", await problems(1));
    // The summary (loaded when first shown) comes with an SVG chart.
    await page.locator("svg[role=img]").first().waitFor();
    const [annotated] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载标记后的工作簿" }).click(),
    ]);
    const parts = await zipParts(new Uint8Array(readFileSync(await annotated.path())));
    expect(parts.has("xl/worksheets/sheet1.xml")).toBe(true);
    await page.getByRole("tab", { name: "插入模板" }).click();
    const [template] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载空白模板" }).click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/模板\.xlsx$/);
    expect((await zipParts(new Uint8Array(readFileSync(await template.path())))).size).toBeGreaterThan(3);

    await submit(page);
    await page.getByText("已保存“民情问题台账”（2025）的提交，联网后经您确认即发送。").waitFor();
    // Kept across a reload (IndexedDB: this sheet holds no ID number, so it is kept whole).
    await page.reload();
    await page.getByText("1 份台账等待联网后提交：民情问题台账（2025）。").waitFor();
    expect(await versions()).toEqual(before);

    await context.setOffline(false);
    await page.getByText("网络已连接，1 份台账等待提交：民情问题台账（2025）。").waitFor();
    expect(await page.getByText(OFFLINE).count()).toBe(0);
    await page.getByRole("button", { name: "现在提交" }).click();
    const next = (before.at(-1) ?? 0) + 1;
    await page
      .getByText(new RegExp(`已提交“民情问题台账”：回执号 \\d+，第 ${next} 版，1 行`))
      .waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("outbox").count()).toBe(0);
    expect(await versions()).toEqual([...before, next]);
    await context.close();
  });

  it("resends an attempt whose answer was lost with the same key, and the Worker makes one version of it", async () => {
    const before = await versions();
    const { context, page } = await visit();
    await open(page, "改正后.xlsx", await problems(before.length + 2));
    await context.setOffline(true);
    await submit(page);
    await page.getByText(/已保存“民情问题台账”/).waitFor();
    await context.setOffline(false);

    // The first send reaches the Worker, which stores it, but its answer never reaches the page.
    const keys: string[] = [];
    await context.route(`${stack.worker.origin}/api/submissions`, async (route) => {
      keys.push((route.request().postDataJSON() as { idempotencyKey: string }).idempotencyKey);
      if (keys.length > 1) return route.continue();
      await route.fetch();
      await route.abort("internetdisconnected");
    });
    await page.getByRole("button", { name: "现在提交" }).click();
    await page.getByText(/“民情问题台账”提交失败：.*仍在待提交中/).waitFor();
    const next = (before.at(-1) ?? 0) + 1;
    expect(await versions()).toEqual([...before, next]);

    await page.getByRole("button", { name: "现在提交" }).click();
    await page
      .getByText(new RegExp(`已提交“民情问题台账”：回执号 \\d+，第 ${next} 版`))
      .waitFor({ timeout: 30_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await versions()).toEqual([...before, next]);
    await context.close();
  });

  it("leaves the Excel pane to the network: taskpane.html registers no service worker and is not served offline", async () => {
    const context = await stack.browser.newContext({ locale: "zh-CN" });
    const pane = await context.newPage();
    await pane.goto(`${stack.worker.origin}/taskpane.html?officejs=local`);
    await pane.getByTestId("excel-reach").waitFor({ timeout: 60_000 });
    expect(await pane.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(
      0,
    );

    // Even where the page's worker is installed, the pane comes from the server or not at all.
    const page = await context.newPage();
    await page.goto(`${stack.worker.origin}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
    await context.setOffline(true);
    await expect(pane.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await page.reload();
    await page.getByText(OFFLINE).waitFor();
    await context.close();
  });
});
