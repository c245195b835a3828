/**
 * Checks the built pane (dist/addin) against what township PCs run, after `vite build` in
 * `npm test`: every emitted script parses as ES2020 (es-check, pinned), calls no ECMAScript
 * built-in newer than Chromium 86 that addin/polyfills.ts does not give, and the standalone page's
 * first screen stays under 250 KB gzip. docs/addin.md says why these limits.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { runChecks, type EsCheckConfig } from "es-check";

export const DIST = fileURLToPath(new URL("../dist/addin", import.meta.url));
/** The oldest kernel the page must run on: 360安全浏览器 13 (Chromium 86). */
export const OLDEST_BROWSER = "chrome >= 86";
/** What the page may send before the clerk can open a workbook, gzip -9. */
export const FIRST_SCREEN_LIMIT = 250 * 1024;

/**
 * Built-ins es-check finds that need nothing more: each has a fallback, or is not what es-check
 * takes it for. Anything else newer than Chromium 86 fails the check.
 */
export const ACCEPTED_FEATURES: Record<string, string> = {
  ObjectHasOwn: "installed where missing by addin/polyfills.ts (excelts calls it)",
  ArrayFindLast: "Tabster's own focusable.findLast(...) method, not Array.prototype.findLast",
};

/** Every script of the build: the bundles are ES modules; sw.js and the Office.js copy are classic scripts. */
function scripts(dir: string): { modules: string[]; classic: string[] } {
  const all = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".js") && statSync(join(dir, f)).isFile())
    .map((f) => join(dir, f));
  const isModule = (f: string) => f.startsWith(join(dir, "assets"));
  return { modules: all.filter(isModule), classic: all.filter((f) => !isModule(f)) };
}

async function esCheck(dir: string, extra: Omit<EsCheckConfig, "files" | "module">): Promise<string[]> {
  const { modules, classic } = scripts(dir);
  const configs: EsCheckConfig[] = [];
  if (modules.length) configs.push({ ...extra, files: modules, module: true, cache: false });
  if (classic.length) configs.push({ ...extra, files: classic, module: false, cache: false });
  const result = await runChecks(configs);
  return result.errors.map((e) => `${e.file}: ${e.err.message}`);
}

/** Scripts that do not parse as ES2020 (syntax only). */
export function syntaxProblems(dir = DIST): Promise<string[]> {
  return esCheck(dir, { ecmaVersion: "es2020" });
}

/** ECMAScript built-ins newer than the oldest browser, beyond the accepted ones. */
export function featureProblems(dir = DIST): Promise<string[]> {
  return esCheck(dir, {
    ecmaVersion: "checkBrowser",
    checkBrowser: true,
    checkFeatures: true,
    browserslistQuery: OLDEST_BROWSER,
    ignore: Object.keys(ACCEPTED_FEATURES).join(","),
  });
}

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** An entry page and every asset it loads up front (scripts, module preloads, styles), raw and gzip -9. */
export function pageBytes(page: string, dir = DIST): { files: number; raw: number; gzip: number } {
  const html = readFileSync(join(dir, page), "utf8");
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = [page, ...new Set(assets)].map((f) => join(dir, f));
  return {
    files: files.length,
    raw: files.reduce((n, f) => n + statSync(f).size, 0),
    gzip: files.reduce((n, f) => n + gzipped(f), 0),
  };
}

/** Everything the service worker keeps: index.html, sw.js and every file under assets/. */
export function cachedBytes(dir = DIST): { files: number; raw: number; gzip: number } {
  const files = ["index.html", "sw.js", ...readdirSync(join(dir, "assets")).map((f) => `assets/${f}`)].map(
    (f) => join(dir, f),
  );
  return {
    files: files.length,
    raw: files.reduce((n, f) => n + statSync(f).size, 0),
    gzip: files.reduce((n, f) => n + gzipped(f), 0),
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const problems = [...(await syntaxProblems()), ...(await featureProblems())];
  const first = pageBytes("index.html");
  const pane = pageBytes("taskpane.html");
  const cached = cachedBytes();
  console.log(
    `pane build: ES2020 syntax and ${OLDEST_BROWSER} built-ins checked; ` +
      `first screen ${kb(first.gzip)} gzip (index.html, limit ${kb(FIRST_SCREEN_LIMIT)}), ` +
      `taskpane.html ${kb(pane.gzip)}, kept offline ${kb(cached.gzip)} gzip in ${cached.files} files`,
  );
  for (const [page, size] of [
    ["index.html", first],
    ["taskpane.html", pane],
  ] as const)
    if (size.gzip > FIRST_SCREEN_LIMIT)
      problems.push(`${page}: first screen ${kb(size.gzip)} gzip, over ${kb(FIRST_SCREEN_LIMIT)}`);
  for (const problem of problems) console.error(problem);
  if (problems.length) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
