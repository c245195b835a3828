/**
 * The pane's figures: bundle size (gzip) of each entry page, and the time from choosing a
 * 10,000-row workbook in the standalone page to seeing its findings (Chromium, headless).
 */
import { createServer, type Server } from "node:http";
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { Workbook } from "@cj-tech-master/excelts";
import { ROOT, buildPane, launchBrowser } from "../test/e2e/harness";
import { PROBLEM_HEADER, PROBLEM_TITLE, problemRow } from "../test/fixtures/problem-rows";

const DIST = join(ROOT, "dist", "addin");
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".png": "image/png",
};
const ROWS = 10_000;

/** The gzip size of an entry page and every asset it loads (scripts, module preloads, styles). */
export function entryGzipBytes(page: string): { files: number; raw: number; gzip: number } {
  const html = readFileSync(join(DIST, page), "utf8");
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const file of [page, ...new Set(assets)]) {
    const bytes = readFileSync(join(DIST, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: assets.length + 1, raw, gzip };
}

/** Every script no entry page loads up front: the chunks imported on demand. */
function lazyGzipBytes(): number {
  const upFront = new Set(
    ["index.html", "taskpane.html"].flatMap((page) =>
      [...readFileSync(join(DIST, page), "utf8").matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map(
        (m) => m[1],
      ),
    ),
  );
  return readdirSync(join(DIST, "assets"))
    .filter((f) => f.endsWith(".js") && !upFront.has(`assets/${f}`))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, "assets", f)), { level: 9 }).length, 0);
}

function serveDist(): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    const file = join(DIST, path === "/" ? "index.html" : path);
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" })
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

export async function run(): Promise<void> {
  await buildPane();
  const standalone = entryGzipBytes("index.html");
  const taskpane = entryGzipBytes("taskpane.html");
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log("\npane bundle (gzip -9, entry page + every asset it loads)");
  console.log(
    `  index.html (standalone)   ${kb(standalone.gzip)} gzip  (${kb(standalone.raw)} raw, ${standalone.files} files)`,
  );
  console.log(
    `  taskpane.html (Excel)     ${kb(taskpane.gzip)} gzip  (${kb(taskpane.raw)} raw, ${taskpane.files} files)`,
  );
  const lazy = lazyGzipBytes();
  console.log(
    `  + loaded on first use     ${kb(lazy)} gzip  (the .xlsx writers: templates, the township workbook)`,
  );

  const workbook = await bigWorkbook();
  const { server, origin } = await serveDist();
  const browser = await launchBrowser();
  try {
    const times: number[] = [];
    const inPage: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const page = await browser.newPage();
      await page.goto(`${origin}/index.html`);
      await page.getByRole("button", { name: "打开工作簿" }).waitFor();
      // Timed inside the page, from the input's change event to the first findings in the DOM: a
      // MutationObserver looks only at added nodes, where Playwright's text locators would poll the
      // whole page on every change and add their own cost to the figure.
      const shown = page.evaluate(
        (text) =>
          new Promise<number>((resolve) => {
            let started = 0;
            document.addEventListener("change", () => (started = performance.now()), { capture: true });
            new MutationObserver((records, observer) => {
              for (const r of records)
                for (const node of r.addedNodes)
                  if (node.textContent?.includes(text)) {
                    observer.disconnect();
                    resolve(performance.now() - started);
                    return;
                  }
            }).observe(document.body, { childList: true, subtree: true });
          }),
        `${ROWS / 10} 个错误，0 个警告`,
      );
      const started = Date.now();
      await page
        .getByTestId("file-input")
        .setInputFiles({ name: "big.xlsx", mimeType: "application/octet-stream", buffer: workbook });
      inPage.push(Math.round(await shown));
      await page.getByRole("group", { name: "第 12 行" }).waitFor({ timeout: 120_000 });
      times.push(Date.now() - started);
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `\nstandalone page: choose a ${ROWS.toLocaleString("en")}-row workbook (${kb(workbook.length)}) → first findings shown`,
    );
    console.log(
      `  in the page (change event → findings in the DOM): median ${median(inPage)} ms (runs: ${inPage.join(", ")} ms); target < 250 ms`,
    );
    console.log(
      `  seen from Playwright (file sent → row 12's group found): median ${median(times)} ms (runs: ${times.join(", ")} ms)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && process.argv[1].endsWith("pane.ts")) await run();
