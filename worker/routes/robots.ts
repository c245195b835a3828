/**
 * Group robots (admin): GET /api/robots (masked: the webhook's origin and last 4 characters, the
 * secret only as whether there is one), POST /api/robots, PUT and DELETE /api/robots/:id, and
 * POST /api/robots/:id/test (发送测试消息). Webhooks and secrets are sealed with ROBOTS_KEY.
 */
import { Hono } from "hono";
import { OFFICE_LABEL, OFFICE_SCOPE, RobotInputSchema, type Robot, type RobotInput } from "../../shared/api";
import { reminderMessage } from "../../shared/messages/reminders";
import { maskIdsInText } from "../../shared/privacy";
import type { AppEnv, Bindings } from "../env";
import { auditStatement } from "../db/audit";
import {
  deleteRobotStatements,
  latestReminders,
  listRobots,
  putRobotStatement,
  robotById,
  type RobotRow,
} from "../db/robots";
import { badRequest, notFound } from "../errors";
import { requireRole } from "../lib/auth";
import { newId, seal } from "../lib/crypto";
import { nowIso } from "../lib/dates";
import { branchNamed } from "../lib/scope";
import { body } from "../lib/validate";
import { openRobot, postText, robotsKey, sealContext } from "../robots/deliver";
import { maskWebhook, webhookRefusal } from "../robots/platforms";
import type { Registry } from "../../shared/registry";

async function shown(key: CryptoKey | null, row: RobotRow): Promise<Robot> {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    audience: row.audience,
    webhook: row.webhook_hint,
    hasSecret: row.secret !== null,
    enabled: row.enabled === 1,
    readable: key !== null && (await openRobot(key, row)) !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function audienceOf(input: string, registry: Registry): string {
  if (input === "all") return "all";
  if (input === OFFICE_SCOPE || input === OFFICE_LABEL) return OFFICE_SCOPE;
  return branchNamed(input, registry);
}

/** The stored row for `input`, over `previous` when it changes one: what is omitted is kept. */
async function robotRow(
  env: Bindings,
  key: CryptoKey,
  registry: Registry,
  id: string,
  input: RobotInput,
  previous: RobotRow | null,
  at: string,
): Promise<RobotRow> {
  const webhook = input.webhook;
  if (webhook === undefined && !previous) throw badRequest("请填写机器人的 Webhook 地址。");
  if (webhook !== undefined) {
    const refused = webhookRefusal(webhook, env.LOCAL_DEV === "1");
    if (refused) throw badRequest(refused);
  }
  if (input.kind === "wecom" && input.secret)
    throw badRequest("企业微信群机器人没有签名密钥，请不要填写密钥。");
  const secret =
    input.secret === undefined
      ? input.kind === "wecom"
        ? null
        : (previous?.secret ?? null)
      : input.secret === null
        ? null
        : await seal(key, input.secret, sealContext(id, "secret"));
  return {
    id,
    name: maskIdsInText(input.name),
    kind: input.kind,
    audience: audienceOf(input.audience, registry),
    webhook: webhook === undefined ? previous!.webhook : await seal(key, webhook, sealContext(id, "webhook")),
    webhook_hint: webhook === undefined ? previous!.webhook_hint : maskWebhook(webhook),
    secret,
    enabled: input.enabled ? 1 : 0,
    created_at: previous?.created_at ?? at,
    updated_at: at,
  };
}

/** What the audit keeps of a change: never an address or a secret. */
const auditDetail = (row: RobotRow, input: RobotInput) => ({
  name: row.name,
  kind: row.kind,
  audience: row.audience,
  enabled: row.enabled === 1,
  webhookChanged: input.webhook !== undefined,
  secretChanged: input.secret !== undefined,
});

export const robots = new Hono<AppEnv>()
  .use(requireRole("admin"))
  .get("/", async (c) => {
    // Listed without ROBOTS_KEY too, so the admin view can say what is missing.
    const key = c.env.ROBOTS_KEY ? await robotsKey(c.env) : null;
    const [rows, sends] = await Promise.all([listRobots(c.env.DB), latestReminders(c.env.DB, 50)]);
    return c.json({
      configured: key !== null,
      robots: await Promise.all(rows.map((r) => shown(key, r))),
      sends: sends.map((s) => ({
        robotId: s.robot_id,
        audience: s.audience,
        due: s.due,
        step: s.step,
        state: s.state,
        attempts: s.attempts,
        lastError: s.last_error,
        updatedAt: s.updated_at,
      })),
    });
  })
  .post("/", body(RobotInputSchema), async (c) => {
    const key = await robotsKey(c.env);
    const input = c.req.valid("json");
    const at = nowIso();
    const row = await robotRow(c.env, key, (await c.var.registry()).registry, newId(), input, null, at);
    const db = c.env.DB;
    await db.batch([
      putRobotStatement(db, row),
      auditStatement(db, c.get("user"), "robot.create", row.id, auditDetail(row, input), at),
    ]);
    return c.json(await shown(key, row), 201);
  })
  .put("/:id", body(RobotInputSchema), async (c) => {
    const key = await robotsKey(c.env);
    const previous = await robotById(c.env.DB, c.req.param("id"));
    if (!previous) throw notFound("未找到该群机器人。");
    const input = c.req.valid("json");
    const at = nowIso();
    const row = await robotRow(
      c.env,
      key,
      (await c.var.registry()).registry,
      previous.id,
      input,
      previous,
      at,
    );
    const db = c.env.DB;
    await db.batch([
      putRobotStatement(db, row),
      auditStatement(db, c.get("user"), "robot.update", row.id, auditDetail(row, input), at),
    ]);
    return c.json(await shown(key, row));
  })
  .delete("/:id", async (c) => {
    const db = c.env.DB;
    const row = await robotById(db, c.req.param("id"));
    if (!row) throw notFound("未找到该群机器人。");
    const at = nowIso();
    await db.batch([
      ...deleteRobotStatements(db, row.id),
      auditStatement(db, c.get("user"), "robot.delete", row.id, { name: row.name, kind: row.kind }, at),
    ]);
    return c.json({ id: row.id, deleted: true });
  })
  .post("/:id/test", async (c) => {
    const key = await robotsKey(c.env);
    const db = c.env.DB;
    const row = await robotById(db, c.req.param("id"));
    if (!row) throw notFound("未找到该群机器人。");
    const robot = await openRobot(key, row);
    const { registry } = await c.var.registry();
    const error = robot
      ? await postText(
          c.env,
          robot,
          reminderMessage("zh-CN", "test", { robot: row.name, township: registry.township.name }),
        )
      : "服务器的群机器人密钥已更换，请重新填写该机器人的 Webhook 地址和密钥。";
    await auditStatement(db, c.get("user"), "robot.test", row.id, { name: row.name, error }, nowIso()).run();
    return c.json({ ok: error === null, error });
  });
