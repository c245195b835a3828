/**
 * End-to-end harness: builds the pane, runs the Worker locally (../fixtures/worker-server.ts:
 * `wrangler dev` on a free loopback port, a fresh migrated and seeded D1), launches Chromium.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { PluginOption } from "vite";
import { ROOT, freePort, startLocalWorker } from "../fixtures/worker-server";

export { ROOT, freePort };

/** Builds the pane into dist/addin, or into `outDir` with extra plugins (a distinct build). */
export async function buildPane(outDir?: string, plugins: PluginOption[] = []): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: join(ROOT, "vite.config.ts"),
    logLevel: "warn",
    plugins,
    ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
};

/**
 * A static server over a built pane on a free loopback port (http://127.0.0.1 is a secure context,
 * so service workers run), answering sw.js uncached as the Worker does; `/` is index.html.
 */
export function serveFolder(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(dir, path === "/" ? "index.html" : path);
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        ...(path === "/sw.js" ? { "Cache-Control": "no-cache" } : {}),
      })
      .end(readFileSync(file));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        server,
        origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
      });
    }),
  );
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

/**
 * Makes a current Chromium look like Chromium 86 (360安全浏览器 13's kernel) to the page: the
 * built-ins and web APIs added since are removed, and DecompressionStream and CompressionStream
 * refuse "deflate-raw" as 86 does. Syntax cannot be taken away; the ES2020 check of every emitted
 * script (scripts/check-build.ts) covers it. Plain JavaScript, for `addInitScript({ content })`:
 * a function would carry the test transpiler's helpers (tsx's `__name`) into the page.
 */
export const AS_CHROMIUM_86 = `(() => {
  const drop = (owner, ...names) => { for (const name of names) if (owner) Reflect.deleteProperty(owner, name); };
  drop(globalThis, "structuredClone", "scheduler", "Iterator");
  drop(Object, "hasOwn", "groupBy");
  drop(Map, "groupBy");
  drop(Promise, "withResolvers");
  drop(Array, "fromAsync");
  for (const proto of [Array.prototype, Object.getPrototypeOf(Int8Array.prototype)])
    drop(proto, "at", "findLast", "findLastIndex", "toSorted", "toReversed", "toSpliced", "with");
  drop(String.prototype, "at", "isWellFormed", "toWellFormed");
  drop(Set.prototype, "union", "intersection", "difference", "symmetricDifference", "isSubsetOf",
    "isSupersetOf", "isDisjointFrom");
  drop(ArrayBuffer.prototype, "transfer", "transferToFixedLength");
  drop(Intl, "Segmenter", "supportedValuesOf");
  drop(AbortSignal, "timeout", "any");
  drop(Crypto.prototype, "randomUUID");
  drop(ReadableStream.prototype, Symbol.asyncIterator, "values");
  drop(Response, "json");
  drop(URL, "canParse", "parse");
  drop(Blob.prototype, "bytes");
  drop(Element.prototype, "checkVisibility");
  drop(HTMLElement.prototype, "showPopover", "hidePopover", "togglePopover");
  drop(Navigator.prototype, "userAgentData");
  for (const name of ["DecompressionStream", "CompressionStream"]) {
    const Native = globalThis[name];
    const Old = function (format) {
      if (format === "deflate-raw")
        throw new TypeError("Failed to construct '" + name + "': Unsupported compression format: 'deflate-raw'");
      return new Native(format);
    };
    Object.defineProperty(globalThis, name, { value: Old, configurable: true, writable: true });
  }
})();`;
