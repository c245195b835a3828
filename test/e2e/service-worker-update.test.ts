/**
 * A new deployment replaces the cached page without ever mixing two builds (Chromium, a static
 * server over a folder built twice, as a deploy replaces the Worker's assets): a page open on the
 * old build keeps loading the old build's files — its lazily loaded chunks included, after the
 * server has dropped them — and the next visit switches to the new build as a whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "node:http";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Plugin } from "vite";
import { buildPane, launchBrowser, serveFolder } from "./harness";

/**
 * Makes a distinct build: the app module sets `__ledgerlineBuild`, and the lazily loaded template
 * writer carries the build's name too, so both chunks hash differently from one build to the next.
 */
function marked(build: string): Plugin {
  return {
    name: "e2e-build-marker",
    enforce: "pre",
    transform(code, id) {
      if (id.endsWith("/addin/app/App.tsx"))
        return `${code}\nglobalThis.__ledgerlineBuild = ${JSON.stringify(build)};\n`;
      if (id.endsWith("/shared/xlsx/template.ts"))
        return `${code}\n(globalThis as Record<string, unknown>).__ledgerlineTemplateBuild = ${JSON.stringify(build)};\n`;
      return null;
    },
  };
}

/** The build a page runs, and every same-origin file it has loaded (navigation and resources). */
async function loaded(page: Page): Promise<{ build: string; files: string[] }> {
  return page.evaluate(() => ({
    build: (globalThis as { __ledgerlineBuild?: string }).__ledgerlineBuild ?? "",
    files: performance
      .getEntriesByType("resource")
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith("/assets/"))
      .map((u) => u.pathname.slice(1)),
  }));
}

/** Waits until the page (reloading itself, perhaps) runs `build`. */
async function runs(page: Page, build: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const now = await page
      .evaluate(() => (globalThis as { __ledgerlineBuild?: string }).__ledgerlineBuild)
      .catch(() => undefined);
    if (now === build) return;
    await page.waitForTimeout(200);
  }
  throw new Error(`the page never ran build ${build}`);
}

describe("a new build's service worker", () => {
  let site: string;
  let server: Server;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  const files: Record<string, Set<string>> = {};

  const build = async (name: string) => {
    await buildPane(site, [marked(name)]);
    files[name] = new Set(readdirSync(join(site, "assets")).map((f) => `assets/${f}`));
  };

  beforeAll(async () => {
    site = mkdtempSync(join(tmpdir(), "ledgerline-site-"));
    await build("A");
    ({ server, origin } = await serveFolder(site));
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true, locale: "zh-CN" });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (site) rmSync(site, { recursive: true, force: true });
  });

  it("keeps open pages on their own build and brings the next visit onto the new one, whole", async () => {
    const first = await context.newPage();
    await first.goto(`${origin}/`);
    await runs(first, "A");
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });

    // A deployment: the server now holds build B only.
    await build("B");
    const changed = [...files.B].filter((f) => !files.A.has(f));
    expect(changed.some((f) => f.endsWith(".js"))).toBe(true);

    // A visit while build A still runs elsewhere: build A from the cache, while B downloads and waits.
    const second = await context.newPage();
    await second.goto(`${origin}/`);
    await second.getByText("台账通有新版本").waitFor({ timeout: 60_000 });
    const onA = await loaded(second);
    expect(onA.build).toBe("A");
    expect(onA.files.filter((f) => !files.A.has(f))).toEqual([]);

    // The next visit finds B waiting and switches before anything is opened: B, and nothing of A.
    const third = await context.newPage();
    await third.goto(`${origin}/`);
    await runs(third, "B");
    const onB = await loaded(third);
    expect(onB.files.length).toBeGreaterThan(0);
    expect(onB.files.filter((f) => !files.B.has(f))).toEqual([]);

    // The first page, still on A, loads a chunk it had not needed yet (the .xlsx writers): A's own,
    // kept by B's worker, though the server has dropped it.
    await first.getByRole("tab", { name: "插入模板" }).click();
    const [template] = await Promise.all([
      first.waitForEvent("download"),
      first.getByRole("button", { name: "下载空白模板" }).click(),
    ]);
    expect(await template.failure()).toBeNull();
    const stillA = await loaded(first);
    expect(stillA.build).toBe("A");
    expect(stillA.files.some((f) => f.startsWith("assets/template-") && !files.B.has(f))).toBe(true);
    expect(stillA.files.filter((f) => !files.A.has(f))).toEqual([]);

    // And B is what the cache holds for the next visit without a network.
    await context.setOffline(true);
    const fourth = await context.newPage();
    await fourth.goto(`${origin}/`);
    await runs(fourth, "B");
    expect((await loaded(fourth)).files.filter((f) => !files.B.has(f))).toEqual([]);
  });
});
