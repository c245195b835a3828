/**
 * Builders for the hostile-input suite: raw zips (lying sizes, streamed bombs), minimal .xlsx
 * parts, and the CLI run as a child process with a hard time limit and its peak memory measured.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createDeflateRaw, crc32 } from "node:zlib";
import { makeZip, type Deflated, type ZipPart } from "../fixtures/zip";

export const ROOT = resolve(import.meta.dirname, "../..");
export const AS_OF = "2025-10-01";

/** The memory bound every hostile workbook must stay under, CLI process included (≈ 190 MB idle-to-done). */
export const MAX_RSS_MB = 512;

export function tempDir(prefix = "ledgerline-hostile-"): {
  dir: string;
  path: (name: string) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export { makeZip, type Deflated, type ZipPart };

/**
 * Deflates `head` + `fill` repeated `times` + `tail` as a stream, so a 1 GiB entry never exists
 * in memory: only its few megabytes of compressed bytes do.
 */
export async function deflateStream(
  head: string,
  fill: Buffer,
  times: number,
  tail: string,
): Promise<Deflated> {
  const deflate = createDeflateRaw({ level: 9, memLevel: 9 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((ok, fail) => {
    deflate.on("end", () => ok());
    deflate.on("error", fail);
  });
  let crc = 0;
  let size = 0;
  const write = async (b: Buffer) => {
    crc = crc32(b, crc);
    size += b.length;
    if (!deflate.write(b)) await new Promise((ok) => deflate.once("drain", ok));
  };
  await write(Buffer.from(head, "utf8"));
  for (let i = 0; i < times; i++) await write(fill);
  await write(Buffer.from(tail, "utf8"));
  deflate.end();
  await ended;
  return { bytes: Buffer.concat(chunks), crc, size };
}

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${NS}"><sheetData>`;
export const SHEET_TAIL = `</sheetData></worksheet>`;

/** The parts of a one-sheet .xlsx around the given worksheet part (what Excel needs, no more). */
export function xlsxParts(
  sheet: ZipPart["data"],
  options: { declaredSize?: number; sheetName?: string } = {},
): ZipPart[] {
  return [
    {
      name: "[Content_Types].xml",
      data:
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
        `</Types>`,
    },
    {
      name: "_rels/.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: "xl/workbook.xml",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${options.sheetName ?? "Sheet1"}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    { name: "xl/worksheets/sheet1.xml", data: sheet, declaredSize: options.declaredSize },
  ];
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Peak resident memory of the CLI process in MB (the largest process of the run). */
  maxRssMb: number;
}

/**
 * Runs `tsx cli/main.ts …` as a user would, killed after `timeoutMs` (a hang fails the test
 * instead of the suite). Peak memory comes from process.resourceUsage() in every Node process
 * of the run, reported by a preloaded module on exit.
 */
export function cliChild(
  argv: readonly string[],
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; rssFile: string },
): Promise<ChildResult> {
  const node = join(ROOT, "node_modules/.bin/node");
  const args = [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "cli/main.ts"), ...argv];
  const preload = join(ROOT, "test/hostile/rss-report.mjs");
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((done) => {
    const started = Date.now();
    execFile(
      node,
      args,
      {
        cwd: ROOT,
        timeout: timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          PATH: `${join(ROOT, "node_modules/.bin")}:${process.env.PATH ?? ""}`,
          NODE_OPTIONS: `--import ${preload}`,
          LEDGERLINE_RSS_FILE: options.rssFile,
          LEDGERLINE_LANG: "zh-CN",
          ...options.env,
        },
      },
      (error, stdout, stderr) => {
        const timedOut =
          Boolean(error && (error as { killed?: boolean }).killed) && Date.now() - started >= timeoutMs;
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        done({ code, stdout, stderr, timedOut, maxRssMb: readRss(options.rssFile) });
      },
    );
  });
}

function readRss(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return 0;
  }
  const kb = Math.max(0, ...text.split("\n").filter(Boolean).map(Number));
  return Math.round(kb / 1024);
}

/** A stack trace in CLI output: "    at fn (file:line:col)" or a Node error banner. */
export const STACK_TRACE = /^\s+at\s|node:internal|Error:\s.*\n\s+at\s|TypeError|ReferenceError/m;
