/**
 * `return` and the 退回意见 in `status`, against a real Worker (../fixtures/worker-server.ts):
 * the office returns a ledger from the command line, the branch reads why in full.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { startLocalWorker, type LocalWorkerServer } from "../fixtures/worker-server";
import { cli, cleanProblem, stderrLines, tempDir, writeProblems, AS_OF } from "./helpers";

const tmp = tempDir();
const TOKENS = { admin: "cli-return-admin", office: "cli-return-office", branch: "cli-return-branch-1" };
let server = "";
let worker: LocalWorkerServer | null = null;

beforeAll(async () => {
  worker = await startLocalWorker({ tokens: TOKENS, registry: DEFAULT_REGISTRY });
  server = worker.url;
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  tmp.cleanup();
});

const COMMENT = "请补全受益人数，并核对第 3 行的联系电话（0350-7123456 不是手机号）";

/** 老牛湾村 submits a clean 民情问题台账 for `period`; the receipt's id. */
async function submitted(period: string, rows = 2): Promise<string> {
  const file = tmp.path(`problems-${period}-${rows}.xlsx`);
  await writeProblems(
    file,
    Array.from({ length: rows }, (_, i) => cleanProblem(i + 1)),
  );
  const r = await cli(
    "submit",
    file,
    "--server",
    server,
    "--token",
    TOKENS.branch,
    "--as-of",
    AS_OF,
    "--period",
    period,
  );
  expect(r.stderr).toBe("");
  const id = /（编号 (\S+)）/.exec(r.stdout)?.[1];
  if (!id) throw new Error(r.stdout);
  return id;
}

const office = (...argv: string[]) => cli(...argv, "--server", server, "--token", TOKENS.office);

describe("return", () => {
  it("returns the current version with the comment, in Beijing time, and the branch's status prints the comment in full", async () => {
    const id = await submitted("2025");
    const before = Date.now();
    const r = await office("return", "--id", id, "--comment", COMMENT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const at = /（(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) 北京时间）/.exec(r.stdout)?.[1] ?? "";
    expect(r.stdout).toBe(
      `已退回 老牛湾村党支部 的 民情问题台账 2025 第 1 版（${at} 北京时间），退回意见：${COMMENT}\n`,
    );
    // Beijing is UTC+8 all year: the minute printed is the server's clock shifted by eight hours.
    const beijing = new Date(before + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
    expect(at >= beijing.slice(0, 15)).toBe(true);

    const status = await cli("status", "--server", server, "--token", TOKENS.branch, "--year", "2025");
    expect(status.stderr).toBe("");
    expect(status.code).toBe(0);
    const lines = status.stdout.split("\n");
    expect(lines[1]).toBe("✓ 已报　! 逾期报送　↩ 已退回　✗ 未报（已过期限）　… 未到期");
    expect(lines).toContain("  民情问题台账：2025↩");
    expect(lines).toContain(`    ↩ 民情问题台账 2025 第 1 版 退回意见：${COMMENT}`);
    expect(lines.find((l) => l.startsWith("老牛湾村党支部："))).toMatch(
      /^老牛湾村党支部：已报 \d+，逾期报送 \d+，已退回 1，未报 \d+，未到期 \d+$/,
    );

    const english = await cli(
      "status",
      "--server",
      server,
      "--token",
      TOKENS.branch,
      "--year",
      "2025",
      "--lang",
      "en",
    );
    expect(english.stdout.split("\n")).toContain(`    ↩ 民情问题台账 2025 version 1 returned: ${COMMENT}`);
  });

  it("prints the returned submission as JSON with --json", async () => {
    const id = await submitted("2023");
    const r = await office("return", "--id", id, "--comment", "请补填 12 月", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      id,
      kind: "problems",
      scope: "老牛湾村党支部",
      period: "2023",
      version: 1,
      status: "returned",
      returnComment: "请补填 12 月",
    });
  });

  it("refuses an older version in one line naming the server (exit 2)", async () => {
    const first = await submitted("2024", 2);
    await submitted("2024", 3);
    const r = await office("return", "--id", first, "--comment", "请改");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^${server}：服务器返回错误 409（`));
  });

  it("is the office's: a branch's token is refused in one line (exit 2)", async () => {
    const id = await submitted("2022");
    const r = await cli(
      "return",
      "--id",
      id,
      "--comment",
      "自己退回",
      "--server",
      server,
      "--token",
      TOKENS.branch,
    );
    expect(r.code).toBe(2);
    expect(stderrLines(r)).toHaveLength(1);
    expect(stderrLines(r)[0]).toMatch(new RegExp(`^${server}：没有权限`));
  });

  it("needs --id and --comment, and --help documents it", async () => {
    const noComment = await office("return", "--id", "x");
    expect([noComment.code, stderrLines(noComment)[0]]).toEqual([2, "缺少参数 --comment。"]);
    const noId = await office("return", "--comment", "请改");
    expect([noId.code, stderrLines(noId)[0]]).toEqual([2, "缺少参数 --id。"]);
    const help = await cli("--help");
    expect(help.stdout).toContain(
      "  return --server URL --token TOKEN --id ID --comment 意见          退回一份报送（党建办），支部在报送情况中看到意见",
    );
  });
});
