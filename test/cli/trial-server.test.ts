/**
 * The trial against a real Worker (`wrangler dev`, ../fixtures/worker-server.ts) through the CLI's
 * server commands and the HTTP API:
 * - scenario 2: a 党员花名册 exported by the 全国党员管理信息系统, its ID numbers written in odd
 *   but valid ways, and no output anywhere giving a number away: CLI stdout/stderr and --json, the
 *   annotated copy's notes and 校验结果 sheet, the Worker's receipt, refusal, status, submissions,
 *   detail, records, summary, export, its D1 tables and files and its log
 *   (../hostile/idnumbers.ts `idLeaks`);
 * - scenario 3: two villages submit, the office pulls the consolidated workbook and the summary,
 *   returns one with a comment, the village sees it in its status and resubmits (version 2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { join } from "node:path";
import type { SummaryResponse } from "../../shared/api";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { listZipEntries, readEntryText } from "../../shared/xlsx/zip";
import { RESULT_SHEET } from "../../shared/xlsx/annotate";
import { ROLL_IDS, clerkWorkbook, systemRoll } from "../fixtures/trial";
import { startLocalWorker, type LocalWorkerServer } from "../fixtures/worker-server";
import { idLeaks } from "../hostile/idnumbers";
import { notesOf } from "../shared/xlsx/inspect";
import { AS_OF, cli, openXlsx, tempDir, type CliResult } from "./helpers";

const tmp = tempDir();
const TOKENS = { admin: "trial-admin", office: "trial-office", branch: "trial-branch-1" };
let worker: LocalWorkerServer;
let server = "";
/** 乾坤湾村党支部's token, issued by the admin through the API. */
let secondBranch = "";

/** Every text an output of the product gave, to be scanned for ID numbers at the end. */
const outputs: { where: string; text: string }[] = [];
const seen = (where: string, text: string) => outputs.push({ where, text });
const seenCli = (where: string, r: CliResult) => seen(where, `${r.stdout}\n${r.stderr}`);

async function api<T = unknown>(token: string, path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });
  const text = await res.text();
  seen(`${init.method ?? "GET"} ${path}`, text);
  if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Every text part of an .xlsx file. */
async function xlsxTexts(file: string): Promise<string> {
  const bytes = readFileSync(file);
  const entries = listZipEntries(bytes);
  if (typeof entries === "string") throw new Error(entries);
  const parts = await Promise.all(entries.map((e) => readEntryText(bytes, e)));
  return parts.join("\n");
}

/**
 * The local D1 files as someone who copied them would read them: every text cell of every table of
 * every SQLite file (each cell a text of its own, so that neighbouring cells are not glued into one
 * run of digits), read from a copy so that workerd's open database is left alone; and the bytes of
 * every file, blobs among them, read as Latin-1.
 */
function d1Contents(dir: string): { cells: string[]; bytes: string[] } {
  const cells: string[] = [];
  const bytes: string[] = [];
  const copies = mkdtempSync(tmp.path("d1-"));
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) {
        walk(path);
        continue;
      }
      bytes.push(readFileSync(path).toString("latin1"));
      if (!name.endsWith(".sqlite")) continue;
      const copy = join(copies, `${cells.length}-${name}`);
      copyFileSync(path, copy);
      if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
      const db = new DatabaseSync(copy);
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((t) => String(t.name));
      for (const table of tables)
        for (const row of db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all())
          for (const value of Object.values(row)) {
            if (value instanceof Uint8Array) bytes.push(Buffer.from(value).toString("latin1"));
            else if (value !== null) cells.push(String(value));
          }
      db.close();
    }
  };
  walk(dir);
  return { cells, bytes };
}

const file = async (name: string, bytes: Promise<Uint8Array>) => {
  const path = tmp.path(name);
  writeFileSync(path, await bytes);
  return path;
};

beforeAll(async () => {
  worker = await startLocalWorker({
    tokens: { admin: TOKENS.admin, office: TOKENS.office, branch: TOKENS.branch },
    registry: DEFAULT_REGISTRY,
    asOf: AS_OF,
  });
  server = worker.url;
  const user = await api<{ id: string }>(TOKENS.admin, "/api/users", {
    method: "POST",
    body: JSON.stringify({ name: "乾坤湾村支书", role: "branch", branch: "乾坤湾村党支部" }),
  });
  secondBranch = (
    await api<{ token: string }>(TOKENS.admin, "/api/tokens", {
      method: "POST",
      body: JSON.stringify({ userId: user.id }),
    })
  ).token;
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  tmp.cleanup();
});

const withServer = (token: string) => ["--server", server, "--token", token];

describe("scenario 2: a roll from the party-membership system", () => {
  let good = "";
  let wrong = "";
  let old = "";
  beforeAll(async () => {
    good = await file("党员信息.xlsx", systemRoll());
    wrong = await file("党员信息-校验位有误.xlsx", systemRoll({ wrongCheck: true }));
    old = await file("党员信息-旧号码.xlsx", systemRoll({ oldForms: true }));
  });

  it("finds no error in numbers written oddly, and a checksum error on the wrong one", async () => {
    const ok = await cli("validate", good, "--json", "--as-of", AS_OF);
    seenCli("validate --json (true roll)", ok);
    expect(ok.code).toBe(0);
    const sheet = JSON.parse(ok.stdout).files[0].sheets[0];
    expect([sheet.kind, sheet.rows, sheet.errors, sheet.warnings]).toEqual(["members", 7, 0, 0]);

    const bad = await cli("validate", wrong, "--json", "--as-of", AS_OF);
    seenCli("validate --json (wrong check character)", bad);
    expect(bad.code).toBe(1);
    const findings = JSON.parse(bad.stdout).files[0].sheets[0].findings;
    expect(findings.map((f: { code: string; cell: string }) => `${f.code} ${f.cell}`)).toEqual([
      "checksum D8",
    ]);
    for (const argv of [["validate"], ["validate", "--json"], ["summarize"], ["summarize", "--json"]])
      for (const f of [good, wrong, old]) seenCli(argv.join(" "), await cli(...argv, f, "--as-of", AS_OF));
  });

  // A leading apostrophe in the cell (D4) and a 15-digit first-generation number (D7) are valid.
  it("finds no error in a leading apostrophe or a 15-digit first-generation number", async () => {
    const r = await cli("validate", old, "--json", "--as-of", AS_OF);
    const findings = JSON.parse(r.stdout).files[0].sheets[0].findings;
    expect(findings.map((f: { code: string; cell: string }) => `${f.code} ${f.cell}`)).toEqual([]);
  });

  it.each([
    ["the wrong check character", () => wrong, ["D8"]],
    ["the old forms", () => old, []],
  ])(
    "adds no number to the annotated copy of the roll with %s, and keeps the clerk's cells as they were",
    async (_, input, marked) => {
      const out = tmp.path(`标注-${marked.join("")}.xlsx`);
      const r = await cli("annotate", input(), "--out", out, "--as-of", AS_OF);
      seenCli("annotate", r);
      expect(r.code).toBe(0);
      const [original, annotated] = [await openXlsx(input()), await openXlsx(out)];
      original
        .getWorksheet("党员信息")!
        .eachRow((row) =>
          row.eachCell((cell) =>
            expect(annotated.getWorksheet("党员信息")!.getCell(cell.address).value).toEqual(cell.value),
          ),
        );
      const notes = (await notesOf(readFileSync(out)))["党员信息"] ?? {};
      expect(Object.keys(notes)).toEqual(marked);
      seen("annotated notes", JSON.stringify(notes));
      const results: string[] = [];
      annotated.getWorksheet(RESULT_SHEET)!.eachRow((row) => results.push(JSON.stringify(row.values)));
      // A caption, the header, then a row per mark, or one saying nothing was found.
      expect(results).toHaveLength(2 + Math.max(1, marked.length));
      if (!marked.length) expect(results[2]).toBe(JSON.stringify([null, "未发现问题。"]));
      seen("annotated 校验结果", results.join("\n"));
    },
  );

  it("is refused by the Worker with the wrong number, and submitted without it", async () => {
    const refused = await cli("submit", wrong, ...withServer(TOKENS.branch), "--as-of", AS_OF);
    seenCli("submit (refused)", refused);
    expect(refused.code).toBe(1);
    // The system's export has no title: a roll's year is given, as the CLI asks for it.
    const sent = await cli(
      "submit",
      good,
      ...withServer(TOKENS.branch),
      "--as-of",
      AS_OF,
      "--period",
      "2025",
    );
    seenCli("submit", sent);
    expect([sent.code, sent.stderr]).toEqual([0, ""]);
    expect(sent.stdout).toMatch(
      /【党员信息】：已提交 党员花名册 2025，回执号 \d+（编号 \S+），第 1 版，7 行，0 个警告。/,
    );
  });

  it("gives no number away in any answer, export, stored row or log line", async () => {
    const list = await api<{ submissions: { id: string }[] }>(
      TOKENS.office,
      "/api/submissions?year=2025&kind=members",
    );
    expect(list.submissions).toHaveLength(1);
    await api(TOKENS.office, `/api/submissions/${list.submissions[0].id}`);
    await api(TOKENS.office, `/api/submissions/${list.submissions[0].id}?raw=1`);
    await api(TOKENS.branch, `/api/submissions/${list.submissions[0].id}`);
    await api(TOKENS.office, "/api/records/members?year=2025");
    await api(TOKENS.office, "/api/summary?year=2025");
    await api(TOKENS.office, "/api/status?year=2025");
    await api(TOKENS.admin, "/api/audit");
    await api(TOKENS.office, "/api/report?year=2025");
    seenCli("status", await cli("status", ...withServer(TOKENS.office), "--year", "2025"));
    const out = tmp.path("export-members.xlsx");
    const exported = await cli("export", ...withServer(TOKENS.office), "--year", "2025", "--out", out);
    seenCli("export", exported);
    expect(exported.code).toBe(0);
    seen("export .xlsx", await xlsxTexts(out));
    const d1 = d1Contents(worker.stateDir);
    expect(d1.cells.length).toBeGreaterThan(0);
    for (const [i, cell] of d1.cells.entries()) seen(`D1 cell ${i}`, cell);
    // Every byte of the files (freed pages and the WAL too), for numbers given whole.
    expect(idLeaks(d1.bytes, ROLL_IDS, { parts: false })).toEqual([]);
    seen("wrangler log", worker.log());

    // The scanner finds a number when there is one: the roll itself gives every one away.
    expect(idLeaks([await xlsxTexts(good), await xlsxTexts(old)], ROLL_IDS)).toEqual(ROLL_IDS);
    const leaks = outputs.flatMap(({ where, text }) =>
      idLeaks([text], ROLL_IDS).map((id) => `${where}: ${id}`),
    );
    expect(leaks).toEqual([]);
    // Nor put together: every answer read side by side.
    expect(
      idLeaks(
        outputs.map((o) => o.text),
        ROLL_IDS,
      ),
    ).toEqual([]);
  });
});

describe("scenario 3: two villages submit, the office returns one, the village resubmits", () => {
  let first = "";
  let second = "";
  beforeAll(async () => {
    first = await file("老牛湾村党支部台账2025.xlsx", clerkWorkbook(false));
    second = await file("乾坤湾村党支部台账2025.xlsx", clerkWorkbook(false, "乾坤湾村"));
  });

  it("takes both villages' two sheets", async () => {
    for (const [f, token] of [
      [first, TOKENS.branch],
      [second, secondBranch],
    ]) {
      const r = await cli("submit", f, ...withServer(token), "--as-of", AS_OF);
      expect([r.code, r.stderr]).toEqual([0, ""]);
      expect(r.stdout.match(/第 1 版/g)).toHaveLength(2);
    }
  });

  it("gives the office the consolidated workbook and the summary with both villages", async () => {
    const out = tmp.path("老牛湾镇2025汇总.xlsx");
    const r = await cli("export", ...withServer(TOKENS.office), "--year", "2025", "--out", out);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const wb = await openXlsx(out);
    // Title on row 1, headers on row 2 with 提交单位 first, rows from row 3.
    const units = (name: string) => {
      const ws = wb.getWorksheet(name)!;
      expect(ws.getCell("A2").value).toBe("提交单位");
      const counts: Record<string, number> = {};
      ws.eachRow((row, n) => {
        const unit = String(row.getCell(1).value);
        if (n > 2) counts[unit] = (counts[unit] ?? 0) + 1;
      });
      return counts;
    };
    expect(units("民情问题台账")).toEqual({ 老牛湾村党支部: 6, 乾坤湾村党支部: 6 });
    expect(units("三会一课台账")).toEqual({ 老牛湾村党支部: 4, 乾坤湾村党支部: 4 });
    const summary = await api<SummaryResponse>(TOKENS.office, "/api/summary?year=2025");
    const problems = summary.kinds.find((k) => k.kind === "problems")!;
    expect(Object.keys(problems.byBranch).sort()).toEqual(["乾坤湾村党支部", "老牛湾村党支部"]);
    expect(problems.total).toMatchObject({ total: 12, resolved: 6, households: 20, people: 36 });
    const meetings = summary.kinds.find((k) => k.kind === "branch-meetings")!;
    expect([meetings.rows, meetings.total.meetings]).toEqual([8, 8]);
  });

  it("returns 乾坤湾村's 民情问题台账 with a comment; the village sees it and resubmits version 2", async () => {
    const list = await api<{ submissions: { id: string; scope: string; version: number; status: string }[] }>(
      TOKENS.office,
      "/api/submissions?year=2025&kind=problems",
    );
    const theirs = list.submissions.find((s) => s.scope === "乾坤湾村党支部")!;
    const comment = "请补填第3行的解决日期和受益人数";
    const ret = await cli("return", "--id", theirs.id, "--comment", comment, ...withServer(TOKENS.office));
    expect([ret.code, ret.stderr]).toEqual([0, ""]);

    const status = await cli("status", ...withServer(secondBranch), "--year", "2025");
    expect(status.code).toBe(0);
    expect(status.stdout).toContain(comment);

    const again = await cli("submit", second, ...withServer(secondBranch), "--as-of", AS_OF);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(comment);

    // The clerk settles the problem the comment is about, and submits the workbook again.
    const wb = await openXlsx(second);
    const problems = wb.getWorksheet("民情问题台账")!;
    problems.getCell("I5").value = "已解决";
    problems.getCell("J5").value = "2025.3.25";
    const revised = tmp.path("乾坤湾村党支部台账2025-修改后.xlsx");
    await wb.xlsx.writeFile(revised);
    const resubmitted = await cli("submit", revised, ...withServer(secondBranch), "--as-of", AS_OF);
    expect([resubmitted.code, resubmitted.stderr]).toEqual([0, ""]);
    expect(resubmitted.stdout).toContain("【三会一课台账】：与当前第 1 版相同，无需重复提交。");
    expect(resubmitted.stdout).toMatch(
      /【民情问题台账】：已提交 民情问题台账 2025，回执号 \d+（编号 \S+），第 2 版，6 行，0 个警告。/,
    );

    // Refusals read as one sentence: the server's own sentence inside the brackets loses its 。.
    const gone = await cli(
      "return",
      "--id",
      "no-such-id",
      "--comment",
      comment,
      ...withServer(TOKENS.office),
    );
    expect([gone.code, gone.stderr]).toEqual([2, `${server}：服务器返回错误 404（未找到该报送）。\n`]);
    const forbidden = await cli(
      "export",
      ...withServer(secondBranch),
      "--year",
      "2025",
      "--out",
      tmp.path("x.xlsx"),
    );
    expect([forbidden.code, forbidden.stderr]).toEqual([
      2,
      `${server}：没有权限（您没有权限执行此操作）。\n`,
    ]);

    const after = await api<{ submissions: { scope: string; version: number; status: string }[] }>(
      TOKENS.office,
      "/api/submissions?year=2025&kind=problems",
    );
    expect(after.submissions.map((s) => [s.scope, s.version, s.status]).sort()).toEqual([
      ["乾坤湾村党支部", 2, "submitted"],
      ["老牛湾村党支部", 1, "submitted"],
    ]);
  });
});
