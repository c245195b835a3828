/**
 * submit, status and export against a real Worker: `wrangler dev` on a free loopback port with a
 * fresh --persist-to directory, migrations applied and users/tokens seeded (hashes only).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { listZipEntries } from "../../shared/xlsx/zip";
import {
  cli,
  cliProcess,
  cleanProblem,
  openXlsx,
  ROOT,
  stderrLines,
  tempDir,
  writeProblems,
  AS_OF,
} from "./helpers";

const tmp = tempDir();
const persist = join(tmp.dir, "state");
const TOKENS = { admin: "cli-test-admin", office: "cli-test-office", branch1: "cli-test-branch-1" };
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
  NO_COLOR: "1",
};
const wrangler = join(ROOT, "node_modules/.bin/wrangler");
let server = "";
let worker: ChildProcess | null = null;
let workerLog = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

function wranglerSync(args: string[]): void {
  const r = spawnSync(wrangler, args, { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed: ${r.stderr.slice(-500)}`);
}

function seedSql(): string {
  const sha = (t: string) => createHash("sha256").update(t).digest("hex");
  const q = (v: string | null) => (v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`);
  const now = new Date().toISOString();
  const users = [
    { id: "t-admin", name: "测试管理员", role: "admin", branch: null, token: TOKENS.admin },
    { id: "t-office", name: "测试党建办", role: "office", branch: null, token: TOKENS.office },
    { id: "t-branch-1", name: "测试老牛湾", role: "branch", branch: "老牛湾村党支部", token: TOKENS.branch1 },
  ];
  return [
    `INSERT INTO registry (id, version, body, updated_at, updated_by) VALUES (1, 1, ${q(JSON.stringify(DEFAULT_REGISTRY))}, ${q(now)}, NULL);`,
    ...users.flatMap((u) => [
      `INSERT INTO users (id, name, role, branch, created_at) VALUES (${q(u.id)}, ${q(u.name)}, ${q(u.role)}, ${q(u.branch)}, ${q(now)});`,
      `INSERT INTO tokens (id, user_id, hash, created_at) VALUES (${q(`${u.id}-token`)}, ${q(u.id)}, ${q(sha(u.token))}, ${q(now)});`,
    ]),
  ].join("\n");
}

async function waitForHealth(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (worker?.exitCode !== null && worker?.exitCode !== undefined)
      throw new Error(`wrangler dev exited: ${workerLog.slice(-800)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`wrangler dev did not answer within ${ms} ms: ${workerLog.slice(-800)}`);
}

beforeAll(async () => {
  mkdirSync(join(ROOT, "dist", "addin"), { recursive: true });
  wranglerSync(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  const seed = join(tmp.dir, "seed.sql");
  writeFileSync(seed, seedSql());
  wranglerSync(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", seed]);
  const port = await freePort();
  server = `http://127.0.0.1:${port}`;
  worker = spawn(
    wrangler,
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      persist,
      "--var",
      `ID_HMAC_KEY:${randomBytes(32).toString("hex")}`,
      "--show-interactive-dev-session=false",
    ],
    { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  worker.stdout?.on("data", (d) => (workerLog += String(d)));
  worker.stderr?.on("data", (d) => (workerLog += String(d)));
  await waitForHealth(server, 120_000);
}, 180_000);

afterAll(() => {
  // The whole process group wrangler started (workerd included); only the one this file started.
  if (worker?.pid) {
    try {
      process.kill(-worker.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
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

describe("submit", () => {
  it("submits each clean sheet and prints the receipt; a retry reuses the idempotency key", async () => {
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
        `^.*submit\\.xlsx【民情问题台账】：已报送 民情问题台账 2025，回执编号 \\S+，第 1 版，3 行，0 个警告。$`,
      ),
    );
    const again = await cli("submit", file, "--server", server, "--token", TOKENS.branch1, "--as-of", AS_OF);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe(receipt);
  });

  it("refuses a sheet with errors and submits nothing (exit 1)", async () => {
    const file = tmp.path("bad.xlsx");
    const bad = cleanProblem(1);
    bad[5] = "修路";
    await writeProblems(file, [bad]);
    const r = await cli("submit", file, "--server", server, "--token", TOKENS.branch1, "--as-of", AS_OF);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(stderrLines(r)).toEqual([`${file}【民情问题台账】：有 1 个错误，未报送。请先改正后再报送。`]);
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

  it("needs --server and --token", async () => {
    const r = await cli("submit", "x.xlsx", "--token", "t");
    expect(r.code).toBe(2);
    expect(stderrLines(r)[0]).toBe("缺少参数 --server。");
  });
});

describe("status and export", () => {
  it("prints the submission matrix for the office", async () => {
    const file = await cleanFile("status.xlsx", 2);
    await cli("submit", file, "--server", server, "--token", TOKENS.branch1, "--as-of", AS_OF);
    const r = await cliProcess(["status", "--server", server, "--token", TOKENS.office, "--year", "2025"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2025 年报送情况/);
    expect(r.stdout).toMatch(/老牛湾村党支部：已报送 \d+/);
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
    const first = await cli(
      "submit",
      file,
      "--server",
      server,
      "--token",
      TOKENS.branch1,
      "--as-of",
      AS_OF,
      "--period",
      "2024",
    );
    expect(first.code).toBe(0);
    const id = /回执编号 (\S+)，/.exec(first.stdout)?.[1];
    const returned = await fetch(`${server}/api/submissions/${id}/return`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKENS.office}`, "content-type": "application/json" },
      body: JSON.stringify({ comment: "请核对第 3 行" }),
    });
    expect(returned.status).toBe(200);
    const again = await cli(
      "submit",
      file,
      "--server",
      server,
      "--token",
      TOKENS.branch1,
      "--as-of",
      AS_OF,
      "--period",
      "2024",
    );
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(stderrLines(again)).toEqual([
      `${file}【民情问题台账】：与已退回的第 1 版内容相同（退回意见：请核对第 3 行），请按意见修改后再报送。`,
    ]);
  });
});
