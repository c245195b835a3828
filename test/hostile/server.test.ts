/**
 * Issue 8 against a real Worker (wrangler dev on loopback, ../fixtures/worker-server.ts):
 *  - the largest hostile submission a branch token may send is judged while /api/health keeps
 *    answering within a second (workerd runs one isolate: a long judgment would block it);
 *  - a 30-member roll submitted with the CLI, then everything the office can export and read,
 *    gives the attacker (./idnumbers.ts) no ID number back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBMISSION_LIMITS } from "../../shared/api";
import { kindById } from "../../shared/kinds";
import { startLocalWorker, type LocalWorkerServer } from "../fixtures/worker-server";
import { writeXlsx } from "../fixtures/xlsx";
import { cli, openXlsx } from "../cli/helpers";
import { AS_OF, tempDir } from "./helpers";
import { idNumber, membersSheet, rebuildableIds } from "./idnumbers";

const TOKENS = {
  admin: "ll_hostile-admin-0001",
  office: "ll_hostile-office-001",
  branch: "ll_hostile-branch-001",
};
const tmp = tempDir();
let worker: LocalWorkerServer | null = null;
let server = "";

beforeAll(async () => {
  worker = await startLocalWorker({ tokens: TOKENS, asOf: AS_OF });
  server = worker.url;
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  tmp.cleanup();
});

async function api(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${server}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

/**
 * The costliest sheet per cell a branch may send (measured over every branch kind and value
 * length, docs/privacy.md): a 三会一课台账 whose every cell is a distinct 64-character value, up to
 * the branch's limit of non-empty cells. Every one is an error; the longest is still fuzzy-matched.
 */
function largestHostileSheet() {
  const kind = kindById("branch-meetings");
  if (!kind) throw new Error("no branch-meetings kind");
  const header = kind.columns.map((c) => c.name);
  const values: string[][] = [[`2025年${kind.title}`], header];
  const rows = Math.floor((SUBMISSION_LIMITS.branch.cells - header.length - 1) / header.length);
  for (let i = 0; i < rows; i++) values.push(header.map((_, j) => `${i}乱${j}`.padEnd(64, "乱")));
  return { values, merges: [], date1904: false };
}

/** Sends a branch's submission and polls /api/health until it is answered: the answer, and each health wait. */
async function judgedWhileHealthPolled(sheet: unknown, kind: string, sheetName: string) {
  const submission = api("POST", "/api/submissions", TOKENS.branch, {
    kind,
    period: "2025",
    sheetName,
    sheet,
    idempotencyKey: `hostile-${Date.now()}`,
  });
  let done = false;
  void submission.finally(() => (done = true));
  const waits: number[] = [];
  while (!done) {
    const started = performance.now();
    const health = await fetch(`${server}/api/health`);
    expect(health.status).toBe(200);
    waits.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { answer: await submission, waits };
}

describe("bounded work", () => {
  it("answers /api/health within a second while the largest hostile branch submission is judged", async () => {
    const { answer, waits } = await judgedWhileHealthPolled(
      largestHostileSheet(),
      "branch-meetings",
      "三会一课台账",
    );
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.text).error.details.findings.length).toBe(1_000);
    expect(waits.length).toBeGreaterThan(1);
    expect(waits.filter((ms) => ms >= 1_000)).toEqual([]);
  });

  it("refuses 990 distinct 32,000-character village cells (19 s of fuzzy matching before) at once", async () => {
    const kind = kindById("problems");
    const header = kind?.columns.map((c) => c.name) ?? [];
    const values = [
      header,
      ...Array.from({ length: 990 }, (_, i) =>
        header.map((h) => (h === "村" ? `${i}`.padEnd(32_000, "x") : null)),
      ),
    ];
    const { answer, waits } = await judgedWhileHealthPolled(
      { values, merges: [], date1904: false },
      "problems",
      "民情问题台账",
    );
    expect(answer.status).toBe(413);
    expect(waits.filter((ms) => ms >= 1_000)).toEqual([]);
  });
});

describe("a 30-member roll through the CLI, the API and the export", () => {
  it("gives the attacker no ID number back, though 出生日期 is there", async () => {
    const roll = Array.from({ length: 30 }, (_, i) =>
      idNumber(
        `19${55 + i}-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`,
        i,
        i % 3 !== 0,
      ),
    );
    const sheet = membersSheet(roll);
    sheet.values[1].push("备注");
    sheet.values[2].push(`身份证 ${roll[0].slice(0, 6)} ${roll[0].slice(6, 14)} ${roll[0].slice(14)}`);
    sheet.values[3].push([...roll[1]].join("\u200b"));
    sheet.values[4].push(roll[2].replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))));
    const file = tmp.path("花名册.xlsx");
    await writeXlsx(file, [{ name: "党员花名册", ...sheet }]);

    const outputs: string[] = [];
    const run = async (...argv: string[]) => {
      const r = await cli(...argv, "--server", server);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const submitted = await run("submit", file, "--token", TOKENS.branch, "--as-of", AS_OF);
    expect([submitted.code, submitted.stderr]).toEqual([0, ""]);
    const again = await run("submit", file, "--token", TOKENS.branch, "--as-of", AS_OF);
    expect(again.stdout).toBe(`${file}【党员花名册】：与当前第 1 版相同，无需重复提交。\n`);
    const out = tmp.path("export.xlsx");
    expect((await run("export", "--token", TOKENS.office, "--year", "2025", "--out", out)).code).toBe(0);

    const texts: string[] = [...outputs];
    const wb = await openXlsx(out);
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    const id = /（编号 (\S+)）/.exec(submitted.stdout)?.[1] ?? "";
    for (const path of [
      "/api/records/members?year=2025",
      `/api/submissions/${id}?raw=1`,
      "/api/submissions?all=1",
      "/api/summary?year=2025",
      "/api/audit",
    ]) {
      texts.push((await api("GET", path, TOKENS.admin)).text);
    }
    expect([...rebuildableIds(texts)].filter((n) => roll.includes(n))).toEqual([]);
    expect(texts.join("\n")).toContain("1956-02-02");
  });
});
