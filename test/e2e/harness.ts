/**
 * End-to-end harness: builds the pane, runs the Worker locally (../fixtures/worker-server.ts:
 * `wrangler dev` on a free loopback port, a fresh migrated and seeded D1), launches Chromium.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ROOT, freePort, startLocalWorker } from "../fixtures/worker-server";

export { ROOT, freePort };

export async function buildPane(): Promise<void> {
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "warn" });
}

export interface LocalWorker {
  origin: string;
  tokens: { admin: string; branch: string };
  stop(): Promise<void>;
}

/** The local Worker (../fixtures/worker-server.ts) with an admin and a branch user, fresh tokens. */
export async function startWorker(registryJson: string): Promise<LocalWorker> {
  const tokens = {
    admin: `e2e-admin-${randomBytes(8).toString("hex")}`,
    branch: `e2e-branch-${randomBytes(8).toString("hex")}`,
  };
  const worker = await startLocalWorker({ tokens, registry: registryJson });
  return { origin: worker.url, tokens, stop: worker.stop };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];

/** Debian's Chromium when installed, else the one inside the @sparticuz/chromium package. */
export async function chromiumPath(): Promise<string> {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const sparticuz = (await import("@sparticuz/chromium")).default;
  return sparticuz.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/** A page of a new zh-CN context whose pane settings (server, token) are stored before it loads. */
export async function pageSignedIn(
  browser: Browser,
  serverUrl: string,
  token: string,
  viewport: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport, locale: "zh-CN" });
  const page = await context.newPage();
  await page.addInitScript(
    ([url, key]) =>
      localStorage.setItem(
        "ledgerline.settings",
        JSON.stringify({ serverUrl: url, token: key, locale: "zh-CN" }),
      ),
    [serverUrl, token],
  );
  return page;
}
