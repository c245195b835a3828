/**
 * Scheduled 催报 to group robots, end to end on loopback: robots set through the admin API, the
 * Worker's scheduled handler run at a chosen as-of date, and three receivers (test/worker/receivers.ts)
 * that verify each platform's signature and record what they took.
 */
import { createScheduledController, env } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import worker from "../../worker/main";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { answered, bearer, BRANCH1, BRANCH2, call, inProcess, seedUsers, USERS } from "./helpers";
import { RECEIVER } from "./receiver-secrets";

const port = inject("receiverPort");
const receiver = `http://127.0.0.1:${port}`;

/** The three robots of one box: one per platform, each with the receivers' key and secret. */
function robotsOf(box: string, audience = "all") {
  return [
    {
      name: `${box}-企业微信`,
      kind: "wecom",
      audience,
      webhook: `${receiver}/${box}/wecom?key=${RECEIVER.wecomKey}`,
    },
    {
      name: `${box}-钉钉`,
      kind: "dingtalk",
      audience,
      webhook: `${receiver}/${box}/dingtalk?access_token=${RECEIVER.dingtalkToken}`,
      secret: RECEIVER.dingtalkSecret,
    },
    {
      name: `${box}-飞书`,
      kind: "feishu",
      audience,
      webhook: `${receiver}/${box}/feishu/${RECEIVER.feishuHook}`,
      secret: RECEIVER.feishuSecret,
    },
  ];
}

async function addRobot(robot: Record<string, unknown>): Promise<string> {
  const res = await call("admin", "POST", "/api/robots", robot);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function received(box: string): Promise<{ kind: string; text: string }[]> {
  return (await fetch(`${receiver}/_received/${box}`)).json();
}

/** The Worker's scheduled handler, as a Cron Trigger calls it, at `asOf` and a UTC instant. */
async function scheduledRun(asOf: string, utc: string): Promise<void> {
  const controller = createScheduledController({ scheduledTime: Date.parse(utc), cron: "0 1-12 * * *" });
  await worker.scheduled(controller, { ...env, AS_OF: asOf });
}

let seq = 0;
/** A current submission of `kind` for `scope` and `period`, as the submission route stores one. */
function submitted(scope: string, kind: string, period: string, status = "submitted") {
  seq += 1;
  return env.DB.prepare(
    `INSERT INTO submissions (id, kind, scope, period, version, current, status, return_comment, submitted_by,
       created_at, idempotency_key, body_hash, sheet_name, rows)
     VALUES (?, ?, ?, ?, 1, 1, ?, ?, ?, '2025-12-20T02:00:00.000Z', ?, 'h1:x', ?, 1)`,
  ).bind(
    `sub-${seq}`,
    kind,
    scope,
    period,
    status,
    status === "returned" ? "请补全张三的党费记录" : null,
    USERS.office.id,
    `key-${seq}`,
    kind,
  );
}

const BRANCH_KINDS = ["problems", "disputes", "volunteers", "projects", "members", "dues", "branch-meetings"];
const BRANCH_TITLES = [
  "民情问题台账",
  "矛盾纠纷排查化解台账",
  "志愿服务台账",
  "项目台账",
  "党员花名册",
  "党费收缴台账",
  "三会一课台账",
];

beforeAll(async () => {
  await seedUsers();
});

afterEach(async () => {
  const { body } = await call("admin", "GET", "/api/robots");
  for (const r of body.robots as { id: string }[]) await call("admin", "DELETE", `/api/robots/${r.id}`);
});

describe("scheduled 催报", () => {
  it("posts one reminder per unit that owes a ledger due on 2026-01-05, three days before, to all three robots", async () => {
    await env.DB.batch([
      // 老牛湾村 has everything in; 乾坤湾村 owes 矛盾纠纷 and has its 党费 returned; the office owes December's 到村工作日志.
      ...BRANCH_KINDS.map((k) => submitted(BRANCH1, k, "2025")),
      ...BRANCH_KINDS.filter((k) => k !== "disputes" && k !== "dues").map((k) =>
        submitted(BRANCH2, k, "2025"),
      ),
      submitted(BRANCH2, "dues", "2025", "returned"),
      ...["staff", "contacts", "meetings", "assessment"].map((k) => submitted("office", k, "2025")),
    ]);
    for (const r of robotsOf("due")) await addRobot(r);
    await addRobot({ ...robotsOf("own", "乾坤湾村")[0], name: "乾坤湾村群" });

    await scheduledRun("2026-01-02", "2026-01-02T01:00:00Z");

    const sign = "——老牛湾镇党建办";
    const owesAll = (branch: string) =>
      `【催报提醒】${branch}：以下 7 项台账请于 2026-01-05 前通过台账通报送：\n${BRANCH_TITLES.map(
        (t, i) => `${i + 1}. ${t}（2025）`,
      ).join("\n")}\n已报送的请忽略，谢谢配合！${sign}`;
    const branch2 = `【催报提醒】${BRANCH2}：以下 2 项台账请于 2026-01-05 前通过台账通报送：\n1. 矛盾纠纷排查化解台账（2025）\n2. 党费收缴台账（2025，已退回，请按意见修改后重报）\n已报送的请忽略，谢谢配合！${sign}`;
    const office = `【催报提醒】镇党建办：以下 1 项台账请于 2026-01-05 前通过台账通报送：\n1. 到村工作日志（2025-12）\n已报送的请忽略，谢谢配合！${sign}`;
    const expected = [branch2, ...DEFAULT_REGISTRY.branches.slice(2).map((b) => owesAll(b.name)), office];
    const got = await received("due");
    for (const kind of ["wecom", "dingtalk", "feishu"])
      expect(got.filter((m) => m.kind === kind).map((m) => m.text)).toEqual(expected);
    // A robot of one village's group gets that village's reminder only.
    expect((await received("own")).map((m) => m.text)).toEqual([branch2]);

    // The next hourly run claims nothing again: every reminder is sent once.
    await scheduledRun("2026-01-02", "2026-01-02T02:00:00Z");
    expect(await received("due")).toHaveLength(expected.length * 3);
    const robots = await call("admin", "GET", "/api/robots");
    expect(
      (robots.body.sends as { state: string; step: string; due: string }[]).every(
        (s) => s.state === "sent" && s.step === "before-3" && s.due === "2026-01-05",
      ),
    ).toBe(true);
    expect(robots.body.sends).toHaveLength(expected.length * 3 + 1);
  });

  it("posts nothing for a round nobody owes, nor on a day without a round, nor at night", async () => {
    await env.DB.batch([submitted("office", "fieldwork", "2025-10")]);
    for (const r of robotsOf("quiet")) await addRobot(r);
    await scheduledRun("2025-11-02", "2025-11-02T01:00:00Z"); // before-3 of 2025-11-05: October's 到村工作日志 is in
    await scheduledRun("2025-11-03", "2025-11-03T01:00:00Z"); // no step falls on the 3rd
    await scheduledRun("2025-12-02", "2025-12-01T20:00:00Z"); // 04:00 Beijing: quiet hours
    expect(await received("quiet")).toEqual([]);
  });

  it("sends one message to a receiver that fails twice then succeeds, every attempt audited", async () => {
    const id = await addRobot(robotsOf("flaky")[1]);
    await fetch(`${receiver}/_fail/flaky?times=2`, { method: "POST" });
    await scheduledRun("2025-12-02", "2025-12-02T01:00:00Z"); // the office owes November's 到村工作日志
    expect((await received("flaky")).map((m) => m.text)).toEqual([
      "【催报提醒】镇党建办：以下 1 项台账请于 2025-12-05 前通过台账通报送：\n1. 到村工作日志（2025-11）\n已报送的请忽略，谢谢配合！——老牛湾镇党建办",
    ]);
    const audit = await call("admin", "GET", "/api/audit?from=2020-01-01&to=2100-01-01");
    const attempts = (
      audit.body.entries as { action: string; target: string; detail: Record<string, unknown> }[]
    )
      .filter((e) => e.target === id && e.action.startsWith("reminder."))
      .reverse()
      .map((e) => [e.action, e.detail.attempt, e.detail.error]);
    expect(attempts).toEqual([
      ["reminder.failed", 1, "HTTP 500"],
      ["reminder.failed", 2, "HTTP 500"],
      ["reminder.sent", 3, null],
    ]);
  });

  it("retries a reminder that failed a whole run on a later run, after its backoff, and sends it once", async () => {
    await addRobot(robotsOf("down")[2]);
    await fetch(`${receiver}/_fail/down?times=4`, { method: "POST" });
    await scheduledRun("2025-12-02", "2025-12-02T01:00:00Z");
    let sends = (await call("admin", "GET", "/api/robots")).body.sends;
    expect(sends.map((s: Record<string, unknown>) => [s.state, s.attempts, s.lastError])).toEqual([
      ["failed", 3, "HTTP 500"],
    ]);
    await scheduledRun("2025-12-02", "2025-12-02T01:10:00Z"); // before its backoff (30 minutes) is over
    expect(await received("down")).toEqual([]);
    await scheduledRun("2025-12-02", "2025-12-02T02:00:00Z");
    await scheduledRun("2025-12-02", "2025-12-02T03:00:00Z");
    expect(await received("down")).toHaveLength(1);
    sends = (await call("admin", "GET", "/api/robots")).body.sends;
    expect(sends.map((s: Record<string, unknown>) => [s.state, s.attempts])).toEqual([["sent", 5]]);
  });
});

describe("group robots in the admin API", () => {
  const SECRETS = Object.values(RECEIVER);

  it("never answers a webhook's key or a secret, and keeps them sealed in D1", async () => {
    const answers: unknown[] = [];
    const ids: string[] = [];
    for (const r of robotsOf("secret")) {
      const res = await call("admin", "POST", "/api/robots", r);
      answers.push(res.body);
      ids.push(res.body.id);
    }
    // A change that leaves the address and secret out keeps them: the test message still gets through.
    const renamed = await call("admin", "PUT", `/api/robots/${ids[1]}`, {
      name: "镇村书记群",
      kind: "dingtalk",
    });
    answers.push(renamed.body);
    for (const id of ids) {
      const test = await call("admin", "POST", `/api/robots/${id}/test`);
      expect(test.body).toEqual({ ok: true, error: null });
      answers.push(test.body);
    }
    const list = await call("admin", "GET", "/api/robots");
    answers.push(list.body, (await call("admin", "GET", "/api/audit?from=2020-01-01&to=2100-01-01")).body);
    expect(
      list.body.robots.map((r: Record<string, unknown>) => [r.name, r.webhook, r.hasSecret, r.readable]),
    ).toEqual([
      ["secret-企业微信", `${receiver}/…5aaa`, false, true],
      ["镇村书记群", `${receiver}/…a0b1`, true, true],
      ["secret-飞书", `${receiver}/…86fd`, true, true],
    ]);
    const stored = JSON.stringify(await env.DB.prepare("SELECT * FROM robots").all());
    for (const text of [JSON.stringify(answers), stored])
      for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect((await received("secret")).map((m) => m.text)).toEqual([
      "【测试消息】台账通已接通本群机器人“secret-企业微信”，今后的催报提醒将发到这里。——老牛湾镇党建办",
      "【测试消息】台账通已接通本群机器人“镇村书记群”，今后的催报提醒将发到这里。——老牛湾镇党建办",
      "【测试消息】台账通已接通本群机器人“secret-飞书”，今后的催报提醒将发到这里。——老牛湾镇党建办",
    ]);
  });

  it("reports a wrong signing secret as the platform's refusal", async () => {
    const id = await addRobot({ ...robotsOf("wrong")[1], secret: "SECnot-the-right-one" });
    expect((await call("admin", "POST", `/api/robots/${id}/test`)).body).toEqual({
      ok: false,
      error: "310000 sign not match",
    });
    expect(await received("wrong")).toEqual([]);
  });

  it("takes loopback receivers only in development, https only elsewhere", async () => {
    const outside = await call("admin", "POST", "/api/robots", {
      name: "外网",
      kind: "wecom",
      webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.message).toBe(
      "开发和测试环境只能发往本机的接收端（如 http://127.0.0.1:8788/…），以免消息离开本机。",
    );
    const deployed = inProcess({ LOCAL_DEV: undefined });
    const plain = await answered(
      deployed.robots.$post(
        {
          json: {
            name: "明文",
            kind: "wecom",
            audience: "all",
            enabled: true,
            webhook: `${receiver}/x/wecom`,
          },
        },
        bearer("admin"),
      ),
    );
    expect([plain.status, plain.body.error.message]).toEqual([400, "机器人地址必须以 https:// 开头。"]);
    const https = await answered(
      deployed.robots.$post(
        {
          json: {
            name: "企业微信",
            kind: "wecom",
            audience: "all",
            enabled: true,
            webhook: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6",
          },
        },
        bearer("admin"),
      ),
    );
    expect([https.status, https.body.webhook]).toEqual([201, "https://qyapi.weixin.qq.com/…91f6"]);
  });

  it("is the admin's only, and needs ROBOTS_KEY", async () => {
    expect((await call("office", "GET", "/api/robots")).status).toBe(403);
    expect((await call("branch1", "POST", "/api/robots", robotsOf("x")[0])).status).toBe(403);
    const keyless = inProcess({ ROBOTS_KEY: undefined });
    const listed = await answered(keyless.robots.$get({}, bearer("admin")));
    expect([listed.status, listed.body.configured]).toEqual([200, false]);
    const added = await answered(
      keyless.robots.$post(
        {
          json: { name: "群", kind: "wecom", audience: "all", enabled: true, webhook: `${receiver}/x/wecom` },
        },
        bearer("admin"),
      ),
    );
    expect([added.status, added.body.error.code]).toEqual([500, "not-configured"]);
  });
});
