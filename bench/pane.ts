/**
 * The pane's figures: what each entry page sends up front (gzip), what loads on first use and what
 * the service worker keeps, and the time from choosing a 10,000-row workbook in the standalone page
 * to seeing its findings (Chromium, headless) — natively, and as on Chromium 86, where the page
 * inflates with fflate; with the page settled (its warm-up done, as when a clerk opens it and then
 * picks a file) and with the file chosen the moment the page appears. `BENCH_PANE_DIST=/path/to/dist/addin` measures another build instead (an
 * older commit's, for a before/after figure).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Workbook } from "@cj-tech-master/excelts";
import type { Browser } from "playwright-core";
import { DIST, cachedBytes, pageBytes } from "../scripts/check-build";
import { AS_CHROMIUM_86, buildPane, launchBrowser, serveFolder } from "../test/e2e/harness";
import { FILE_MARKS } from "../addin/file/host";
import { WARMED_UP_MARK } from "../addin/file/warmup";
import { PROBLEM_HEADER, PROBLEM_TITLE, problemRow } from "../test/fixtures/problem-rows";

const ROWS = 10_000;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Every script no entry page loads up front: the chunks imported on demand. */
function lazyGzipBytes(dir: string): number {
  const upFront = new Set(
    ["index.html", "taskpane.html"].flatMap((page) =>
      [...readFileSync(join(dir, page), "utf8").matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map(
        (m) => m[1],
      ),
    ),
  );
  return readdirSync(join(dir, "assets"))
    .filter((f) => f.endsWith(".js") && !upFront.has(`assets/${f}`))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, "assets", f)), { level: 9 }).length, 0);
}

/** A 10,000-row 民情问题台账 with a bad phone number in every tenth row. */
async function bigWorkbook(): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet("民情问题台账");
  ws.addRow([PROBLEM_TITLE]);
  ws.addRow(PROBLEM_HEADER);
  const villages = ["老牛湾", "乾坤湾", "柏林峁", "麦虎", "滑石", "阳洼子"];
  for (let i = 1; i <= ROWS; i++) {
    ws.addRow(
      problemRow<Date>(
        i,
        {
          收集日期: new Date(Date.UTC(2025, i % 9, 1 + (i % 27))),
          村: villages[i % 6],
          办理状态: "办理中",
          解决日期: null,
          受益户数: 2,
          受益人数: 5,
          联系电话: i % 10 === 0 ? "12345" : `138${String(i).padStart(8, "0")}`,
        },
        PROBLEM_HEADER,
      ),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The split of a run, from the page's own marks (addin/file/host.ts), each from the change event. */
type Split = Record<keyof typeof FILE_MARKS, number>;

/**
 * Seven runs from choosing the file to its findings: timed in the page, and as Playwright sees it;
 * null when the page shows no findings within a minute (a build that cannot read the file there).
 * `settled`: the file is chosen once the page has finished readying itself (the warm-up of
 * addin/file/warmup.ts), as when a clerk opens the page and then picks a file; else the moment the
 * page shows its button.
 */
async function timeFindings(
  browser: Browser,
  origin: string,
  workbook: Buffer,
  oldKernel: boolean,
  settled: boolean,
): Promise<{ inPage: number[]; seen: number[]; splits: Partial<Split>[] } | null> {
  const inPage: number[] = [];
  const seen: number[] = [];
  const splits: Partial<Split>[] = [];
  for (let attempt = 0; attempt < 7; attempt++) {
    const context = await browser.newContext();
    if (oldKernel) await context.addInitScript({ content: AS_CHROMIUM_86 });
    const page = await context.newPage();
    await page.goto(`${origin}/index.html`);
    await page.getByRole("button", { name: "打开工作簿" }).waitFor();
    if (settled)
      await page
        .waitForFunction((name) => performance.getEntriesByName(name).length > 0, WARMED_UP_MARK, {
          timeout: 30_000,
        })
        // A build without the warm-up: a clerk's few seconds before choosing a file.
        .catch(() => page.waitForTimeout(3000));
    // Timed inside the page, from the input's change event to the first findings in the DOM: a
    // MutationObserver looks only at added nodes, where Playwright's text locators would poll the
    // whole page on every change and add their own cost to the figure.
    const shown = page.evaluate(
      ({ text, marks }) =>
        new Promise<{ ms: number; split: Record<string, number> }>((resolve) => {
          let started = 0;
          document.addEventListener("change", () => (started = performance.now()), { capture: true });
          new MutationObserver((records, observer) => {
            for (const r of records)
              for (const node of r.addedNodes)
                if (node.textContent?.includes(text)) {
                  observer.disconnect();
                  const ms = performance.now() - started;
                  const split: Record<string, number> = {};
                  for (const [key, name] of Object.entries(marks)) {
                    const at = performance.getEntriesByName(name).find((m) => m.startTime >= started);
                    if (at) split[key] = at.startTime - started;
                  }
                  resolve({ ms, split });
                  return;
                }
          }).observe(document.body, { childList: true, subtree: true });
        }),
      { text: `${ROWS / 10} 个错误，0 个警告`, marks: FILE_MARKS },
    );
    const started = Date.now();
    await page
      .getByTestId("file-input")
      .setInputFiles({ name: "big.xlsx", mimeType: "application/octet-stream", buffer: workbook });
    const result = await Promise.race([shown, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
    if (result === null) {
      await context.close();
      return null;
    }
    inPage.push(Math.round(result.ms));
    splits.push(result.split);
    await page.locator("[data-sheet] [data-nav]").first().waitFor({ timeout: 120_000 });
    seen.push(Date.now() - started);
    await context.close();
  }
  return { inPage, seen, splits };
}

/**
 * The warm-up as a clerk would notice it: when it is done after the page shows its button, and the
 * longest task the page ran meanwhile (the Long Tasks API; tasks under 50 ms are not reported).
 */
async function timeWarmUp(
  browser: Browser,
  origin: string,
): Promise<{ doneAt: number[]; longest: number[] }> {
  const doneAt: number[] = [];
  const longest: number[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: "longtask", buffered: true });
    });
    await page.goto(`${origin}/index.html`);
    await page.getByRole("button", { name: "打开工作簿" }).waitFor();
    const shownAt = await page.evaluate(() => performance.now());
    await page.waitForFunction((name) => performance.getEntriesByName(name).length > 0, WARMED_UP_MARK, {
      timeout: 30_000,
    });
    const { at, tasks } = await page.evaluate((name) => {
      const w = window as unknown as { longTasks: { start: number; duration: number }[] };
      return { at: performance.getEntriesByName(name)[0].startTime, tasks: w.longTasks };
    }, WARMED_UP_MARK);
    doneAt.push(Math.round(at - shownAt));
    longest.push(Math.round(Math.max(0, ...tasks.filter((t) => t.start >= shownAt).map((t) => t.duration))));
    await context.close();
  }
  return { doneAt, longest };
}

/** "file 20 · read 95 · wait 12 · check 80 · draw 25 ms": medians of each step, when the build marks them. */
function splitText(splits: readonly Partial<Split>[], total: readonly number[]): string {
  const step = (to: (s: Partial<Split>, i: number) => number | undefined) => {
    const xs = splits.map(to).filter((x): x is number => x !== undefined && Number.isFinite(x));
    return xs.length === splits.length ? Math.round(median(xs)) : null;
  };
  const parts = [
    ["file", step((s) => s.bytes)],
    ["read", step((s) => (s.read ?? NaN) - (s.bytes ?? NaN))],
    ["wait", step((s) => (s.checkStart ?? NaN) - (s.read ?? NaN))],
    ["check", step((s) => (s.checkEnd ?? NaN) - (s.checkStart ?? NaN))],
    ["draw", step((s, i) => total[i] - (s.checkEnd ?? NaN))],
  ] as const;
  return parts.some(([, v]) => v === null) ? "" : ` [${parts.map(([k, v]) => `${k} ${v}`).join(" · ")} ms]`;
}

export async function run(): Promise<void> {
  const dir = process.env.BENCH_PANE_DIST ?? DIST;
  if (!process.env.BENCH_PANE_DIST) await buildPane();
  const standalone = pageBytes("index.html", dir);
  const taskpane = pageBytes("taskpane.html", dir);
  console.log(`\npane bundle (gzip -9, entry page + every asset it loads)${dir === DIST ? "" : `: ${dir}`}`);
  console.log(
    `  index.html (standalone)   ${kb(standalone.gzip)} gzip  (${kb(standalone.raw)} raw, ${standalone.files} files); limit 250 KB`,
  );
  console.log(
    `  taskpane.html (Excel)     ${kb(taskpane.gzip)} gzip  (${kb(taskpane.raw)} raw, ${taskpane.files} files)`,
  );
  console.log(
    `  + loaded on first use     ${kb(lazyGzipBytes(dir))} gzip  (the .xlsx writers; on old browsers the fallbacks)`,
  );
  try {
    const cached = cachedBytes(dir);
    console.log(
      `  kept by the service worker ${kb(cached.gzip)} gzip (${kb(cached.raw)} raw, ${cached.files} files)`,
    );
  } catch {
    // A build from before the service worker.
  }

  const workbook = await bigWorkbook();
  const { server, origin } = await serveFolder(dir);
  const browser = await launchBrowser();
  try {
    console.log(
      `\nstandalone page: choose a ${ROWS.toLocaleString("en")}-row workbook (${kb(workbook.length)}) → first findings shown`,
    );
    const warm = await timeWarmUp(browser, origin).catch(() => null);
    console.log(
      warm
        ? `  warm-up (a sample ledger read and checked at idle): done ${median(warm.doneAt)} ms after the page shows its button (runs: ${warm.doneAt.join(", ")} ms); ` +
            `longest task meanwhile ${median(warm.longest)} ms (runs: ${warm.longest.join(", ")} ms; 0 = none over 50 ms)`
        : "  warm-up: none (a build from before it)",
    );
    for (const [label, oldKernel, settled] of [
      ["native DecompressionStream, page settled", false, true],
      ["native DecompressionStream, chosen as the page appears", false, false],
      ["as Chromium 86 (fflate inflates), page settled", true, true],
    ] as const) {
      const times = await timeFindings(browser, origin, workbook, oldKernel, settled);
      if (!times) {
        console.log(`  ${label}: no findings within a minute (the page cannot read the workbook)`);
        continue;
      }
      const { inPage, seen, splits } = times;
      console.log(
        `  ${label}: in the page (change event → findings in the DOM) median ${median(inPage)} ms (runs: ${inPage.join(", ")} ms)${splitText(splits, inPage)}; ` +
          `seen from Playwright median ${median(seen)} ms (runs: ${seen.join(", ")} ms)`,
      );
    }
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && process.argv[1].endsWith("pane.ts")) await run();
