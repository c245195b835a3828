/**
 * What most end-to-end files need around their tests: the pane built into dist/addin, the local
 * Worker with the built-in 老牛湾镇 registry (fresh D1, fresh tokens) and Chromium — started before
 * the file's tests and stopped after them.
 */
import { afterAll, beforeAll } from "vitest";
import type { Browser, BrowserContext, BrowserContextOptions } from "playwright-core";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { buildPane, launchBrowser, startWorker, type LocalWorker } from "./harness";

export function localStack(): { worker: LocalWorker; browser: Browser } {
  const stack = {} as { worker: LocalWorker; browser: Browser };
  beforeAll(async () => {
    await buildPane();
    stack.worker = await startWorker(JSON.stringify(DEFAULT_REGISTRY));
    stack.browser = await launchBrowser();
  });
  afterAll(async () => {
    await stack.browser?.close();
    await stack.worker?.stop();
  });
  return stack;
}

/** A fresh browser profile whose pane is set to this server and token (as 设置 would save them). */
export async function signedIn(
  browser: Browser,
  serverUrl: string,
  token: string,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "zh-CN", ...options });
  await context.addInitScript(
    ([url, t]) =>
      localStorage.setItem(
        "ledgerline.settings",
        JSON.stringify({ serverUrl: url, token: t, locale: "zh-CN" }),
      ),
    [serverUrl, token],
  );
  return context;
}
