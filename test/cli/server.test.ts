/**
 * submit, status and export against a real Worker (../fixtures/worker-server.ts: `wrangler dev` on a
 * free loopback port with a fresh --persist-to directory, migrations applied, users/tokens seeded).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { listZipEntries } from "../../shared/xlsx/zip";
import { freePort, startLocalWorker, type LocalWorkerServer } from "../fixtures/worker-server";
import {
  cli,
  cliProcess,
  cleanProblem,
  openXlsx,
  stderrLines,
  tempDir,
  writeProblems,
  AS_OF,
} from "./helpers";

const tmp = tempDir();
const TOKENS = { admin: "cli-test-admin", office: "cli-test-office", branch1: "cli-test-branch-1" };
let server = "";
let worker: LocalWorkerServer | null = null;

beforeAll(async () => {
  worker = await startLocalWorker({
    tokens: { admin: TOKENS.admin, office: TOKENS.office, branch: TOKENS.branch1 },
    registry: DEFAULT_REGISTRY,
  });
  server = worker.url;
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  tmp.cleanup();
});

/** A clean 民情问题台账 for 老牛湾村 (title says 2025年, so the period is 2025). */
async function cleanFile(name: string, rows = 3): Promise<string> {
  const file = tmp.path(name);
  await writeProblems(
    file,
    Array.from({ length: rows }, (_, i) => cleanProblem(i + 1)),
  );
  return file;
}

/** `submit FILE` with 老牛湾村's token, as of the samples' date, and any further options. */
const submitAsBranch = (file: string, ...options: string[]) =>
  cli("submit", file, "--server", server, "--token", TOKENS.branch1, "--as-of", AS_OF, ...options);

describe("submit", () => {
  it("submits each clean sheet and prints the receipt; the same file again is unchanged, in one line", async () => {
    const file = await cleanFile("submit.xlsx");
    const first = await cliProcess([
      "submit",
      file,
      "--server",
      server,
      "--token",
      TOKENS.branch1,
      "--as-of",
      AS_OF,
    ]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const receipt = first.stdout.trim();
    expect(receipt).toMatch(
      new RegExp(
        `^.*submit\\.xlsx【民情问题台账】：已提交 民情问题台账 2025，回执号 \\d+（编号 \\S+），第 1 版，3 行，0 个警告。$`,
      ),
    );
    const again = await submitAsBranch(file);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe("");
    expect(again.stdout).toBe(`${file}【民情问题台账】：与当前第 1 版相同，无需重复提交。\n`);
  });

  it("makes A current again after A, B, A, saying version 3 (a revert is a new version)", async () => {
    const a = await cleanFile("revert-a.xlsx", 2);
    const b = await cleanFile("revert-b.xlsx", 3);
    const lines = [];
    for (const file of [a, b, a]) {
      const r = await submitAsBranch(file, "--period", "2023");
      expect([file, r.code, r.stderr]).toEqual([file, 0, ""]);
      lines.push(r.stdout.trim());
    }
    expect(lines.map((l) => /第 (\d+) 版，(\d+) 行/.exec(l)?.slice(1))).toEqual([
      ["1", "2"],
      ["2", "3"],
      ["3", "2"],
    ]);
    const list = await fetch(`${server}/api/submissions?kind=problems&year=2023`, {
      headers: { authorization: `Bearer ${TOKENS.branch1}` },
    }).then((res) => res.json() as Promise<{ submissions: { version: number; rows: number }[] }>);
    expect(list.submissions.map((x) => [x.version, x.rows])).toEqual([[3, 2]]);
  });

  it("refuses a sheet with errors and submits nothing (exit 1)", async () => {
    const file = tmp.path("bad.xlsx");
    const bad = cleanProblem(1);
    bad[5] = "修路";
    await writeProblems(file, [bad]);
    const r = await submitAsBranch(file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(stderrLines(r)).toEqual([
      `${file}【民情问题台账】：有 1 个错误，未提交。请先改正后再提交（用 validate --branch 查看每处错误）。`,
    ]);
  });

  it("says the token is invalid in one line naming the server (exit 2)", async () => {
    const file = await cleanFile("badtoken.xlsx");
    const r = await cli("submit", file, "--server", server, "--token", "not-a-token", "--as-of", AS_OF);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toEqual([`${server}：令牌无效或已被撤销，请向镇党建办索取新令牌。`]);
  });

  it("says the server cannot be reached in one line (exit 2)", async () => {
    const file = await cleanFile("offline.xlsx");
    const port = await freePort();
    const offline = `http://127.0.0.1:${port}`;
    const r = await cli("submit", file, "--server", offline, "--token", TOKENS.branch1, "--as-of", AS_OF);
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^${offline}：无法连接服务器（ECONNREFUSED）。$`));
  });

  it.each(["1999", "2025-13", "2025-9", "25"])(
    "refuses --period %s as the API would, before any request (exit 2)",
    async (period) => {
      const r = await cli("submit", "x.xlsx", "--server", server, "--token", "t", "--period", period);
      expect(r.code).toBe(2);
      expect(stderrLines(r)[0]).toBe(`参数有误：--period ${period}`);
    },
  );

  it("needs --server and --token", async () => {
    const r = await cli("submit", "x.xlsx", "--token", "t");
    expect(r.code).toBe(2);
    expect(stderrLines(r)[0]).toBe("缺少参数 --server。");
  });
});

describe("status and export", () => {
  it("prints the submission matrix for the office", async () => {
    const file = await cleanFile("status.xlsx", 2);
    await submitAsBranch(file);
    const r = await cliProcess(["status", "--server", server, "--token", TOKENS.office, "--year", "2025"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2025 年报送情况/);
    expect(r.stdout).toMatch(/老牛湾村党支部：已报 \d+/);
    expect(r.stdout).toMatch(/ {2}民情问题台账：2025[✓!]/);
  });

  it("writes the consolidated workbook: a sheet per kind with 提交单位, a 汇总 sheet with a native chart", async () => {
    const out = tmp.path("export.xlsx");
    const r = await cliProcess([
      "export",
      "--server",
      server,
      "--token",
      TOKENS.office,
      "--year",
      "2025",
      "--out",
      out,
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const wb = await openXlsx(out);
    expect(wb.worksheets[0].name).toBe("汇总");
    const problems = wb.getWorksheet("民情问题台账")!;
    expect(problems.getCell("A2").value).toBe("提交单位");
    expect(problems.getCell("A3").value).toBe("老牛湾村党支部");
    const summary = wb.getWorksheet("汇总")!;
    const texts: string[] = [];
    summary.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && texts.push(c.value)));
    expect(texts).toContain("老牛湾村党支部");
    const entries = listZipEntries(new Uint8Array(readFileSync(out)));
    if (typeof entries === "string") throw new Error(entries);
    expect(entries.some((e) => /^xl\/charts\/chart\d+\.xml$/.test(e.name))).toBe(true);
  });

  it("refuses export to a branch token (exit 2, one line)", async () => {
    const r = await cli(
      "export",
      "--server",
      server,
      "--token",
      TOKENS.branch1,
      "--year",
      "2025",
      "--out",
      tmp.path("no.xlsx"),
    );
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^${server}：没有权限`));
  });
});

describe("resubmission after 退回", () => {
  it("does not pass off the receipt of a returned version as new when the same file is submitted again", async () => {
    const file = await cleanFile("returned.xlsx", 2);
    const first = await submitAsBranch(file, "--period", "2024");
    expect(first.code).toBe(0);
    const id = /（编号 (\S+)）/.exec(first.stdout)?.[1];
    const returned = await fetch(`${server}/api/submissions/${id}/return`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.office}`, "content-type": "application/json" },
      body: JSON.stringify({ comment: "请核对第 3 行" }),
    });
    expect(returned.status).toBe(200);
    const again = await submitAsBranch(file, "--period", "2024");
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(stderrLines(again)).toEqual([
      `${file}【民情问题台账】：与已退回的第 1 版内容相同（退回意见：请核对第 3 行），请按意见修改后再提交。`,
    ]);
  });
});
