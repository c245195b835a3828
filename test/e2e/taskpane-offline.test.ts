/**
 * The task pane where Microsoft's CDN cannot be reached (a government intranet): with
 * appsforoffice.microsoft.com routed to nowhere, taskpane.html loads Office.js from the copy the
 * Worker serves out of the built assets (dist/addin/office-js, from @microsoft/office-js) and the
 * pane still comes up. Nothing is fetched from the internet: every CDN request is answered by the
 * test's routing.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Request } from "playwright-core";
import { OFFICE_CDN } from "../../addin/excel/load-office";
import { ROOT } from "./harness";
import { localStack } from "./stack";

const CDN_HOST = new URL(OFFICE_CDN).host;

describe("taskpane.html without Microsoft's CDN", () => {
  const stack = localStack();

  /** A browser context whose CDN requests are aborted (unreachable) or answered with the npm copy. */
  async function open(cdn: "unreachable" | "reachable", query = "") {
    const context: BrowserContext = await stack.browser.newContext({ locale: "zh-CN" });
    const requests: { url: string; failed: boolean }[] = [];
    // "Reachable": the CDN answers with the same files the npm package carries.
    await context.route(`https://${CDN_HOST}/**`, (route) => {
      const file = join(
        ROOT,
        "node_modules/@microsoft/office-js/dist",
        new URL(route.request().url()).pathname.replace(/^\/lib\/1\/hosted\//, ""),
      );
      if (cdn === "unreachable" || !existsSync(file)) return route.abort("addressunreachable");
      return route.fulfill({ contentType: "text/javascript", body: readFileSync(file) });
    });
    const page = await context.newPage();
    page.on("requestfinished", (r: Request) => requests.push({ url: r.url(), failed: false }));
    page.on("requestfailed", (r: Request) => requests.push({ url: r.url(), failed: true }));
    await page.goto(`${stack.worker.origin}/taskpane.html${query}`);
    // Outside Excel the pane comes up and says it has no Excel to work in.
    await page.getByTestId("excel-reach").waitFor({ timeout: 60_000 });
    const source = await page.locator("#root").getAttribute("data-office");
    const local = requests.filter((r) => r.url.startsWith(`${stack.worker.origin}/office-js/`));
    const cdnTried = requests.filter((r) => new URL(r.url).host === CDN_HOST);
    return { page, context, source, local, cdnTried };
  }

  it("loads Office.js from the Worker's copy when the CDN is routed to nowhere, and the pane comes up", async () => {
    const { page, context, source, local, cdnTried } = await open("unreachable");
    expect(source).toBe("local");
    expect(cdnTried.map((r) => [new URL(r.url).pathname, r.failed])).toContainEqual([
      "/lib/1/hosted/office.js",
      true,
    ]);
    expect(local.map((r) => [new URL(r.url).pathname, r.failed])).toContainEqual([
      "/office-js/office.js",
      false,
    ]);
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("object");
    expect(await page.getByRole("button", { name: "校验本表" }).count()).toBe(1);
    expect(await page.getByTestId("excel-reach").textContent()).toContain("没有连接到 Excel");
    await context.close();
  });

  it("uses the CDN when it answers, and never asks the Worker for its copy", async () => {
    const { context, source, local } = await open("reachable");
    expect(source).toBe("cdn");
    expect(local).toEqual([]);
    await context.close();
  });

  it("goes straight to the Worker's copy with ?officejs=local, without trying the CDN", async () => {
    const { context, source, cdnTried } = await open("reachable", "?officejs=local");
    expect(source).toBe("local");
    expect(cdnTried.filter((r) => new URL(r.url).pathname.endsWith("/office.js"))).toEqual([]);
    await context.close();
  });
});
