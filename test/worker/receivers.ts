/**
 * Loopback receivers for the group robots (vitest globalSetup, Node side): each verifies a
 * request as its platform does — 企业微信 the key, 钉钉 加签 (timestamp within an hour, sign =
 * urlencode(base64(HMAC-SHA256(secret, timestamp+"\n"+secret)))), 飞书 签名校验 (sign =
 * base64(HMAC-SHA256(key = timestamp+"\n"+secret, "")))— and answers as the platform answers.
 * Messages are kept per box (the first path segment), so test files never share one:
 *   POST /<box>/wecom?key=…  POST /<box>/dingtalk?access_token=…&timestamp=…&sign=…
 *   POST /<box>/feishu/<hook>  GET /_received/<box>  POST /_fail/<box>?times=N (next N answer 500)
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { TestProject } from "vitest/node";
import { RECEIVER } from "./receiver-secrets";

const HOUR_MS = 3_600_000;

const hmacBase64 = (key: string, message: string) =>
  createHmac("sha256", key).update(message).digest("base64");

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (text += d));
    req.on("end", () => resolve(text));
  });
}

type Answer = { status: number; body: unknown; text?: string };
/** A robot message as the three platforms take it (fields of the others absent). */
interface Message {
  msgtype?: unknown;
  text?: { content?: unknown };
  msg_type?: unknown;
  content?: { text?: unknown };
  timestamp?: unknown;
  sign?: unknown;
}

function wecom(url: URL, body: Message): Answer {
  if (url.searchParams.get("key") !== RECEIVER.wecomKey)
    return { status: 200, body: { errcode: 93000, errmsg: "invalid webhook url" } };
  const content: unknown = body?.text?.content;
  if (body?.msgtype !== "text" || typeof content !== "string" || Buffer.byteLength(content) > 2048)
    return { status: 200, body: { errcode: 40008, errmsg: "invalid message type" } };
  return { status: 200, body: { errcode: 0, errmsg: "ok" }, text: content };
}

function dingtalk(url: URL, body: Message): Answer {
  if (url.searchParams.get("access_token") !== RECEIVER.dingtalkToken)
    return { status: 200, body: { errcode: 300001, errmsg: "token is not exist" } };
  const timestamp = url.searchParams.get("timestamp") ?? "";
  const sign = url.searchParams.get("sign") ?? "";
  const fresh = Math.abs(Date.now() - Number(timestamp)) < HOUR_MS;
  if (!fresh || sign !== hmacBase64(RECEIVER.dingtalkSecret, `${timestamp}\n${RECEIVER.dingtalkSecret}`))
    return { status: 200, body: { errcode: 310000, errmsg: "sign not match" } };
  const content: unknown = body?.text?.content;
  if (body?.msgtype !== "text" || typeof content !== "string")
    return { status: 200, body: { errcode: 40035, errmsg: "缺少参数 json" } };
  return { status: 200, body: { errcode: 0, errmsg: "ok" }, text: content };
}

function feishu(url: URL, body: Message): Answer {
  if (!url.pathname.endsWith(`/feishu/${RECEIVER.feishuHook}`))
    return {
      status: 200,
      body: { code: 19001, msg: "param invalid: incoming webhook access token invalid" },
    };
  const timestamp = String(body?.timestamp ?? "");
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) < HOUR_MS / 1000;
  if (!fresh || body?.sign !== hmacBase64(`${timestamp}\n${RECEIVER.feishuSecret}`, ""))
    return {
      status: 200,
      body: { code: 19021, msg: "sign match fail or timestamp is not within one hour from current time" },
    };
  const text: unknown = body?.content?.text;
  if (body?.msg_type !== "text" || typeof text !== "string")
    return { status: 200, body: { code: 9499, msg: "Bad Request" } };
  return { status: 200, body: { code: 0, msg: "success", data: {} }, text };
}

const PLATFORMS = { wecom, dingtalk, feishu } as const;

export default async function setup(project: TestProject) {
  const received = new Map<string, { kind: string; text: string }[]>();
  const failing = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const [first = "", second = ""] = url.pathname.split("/").slice(1);
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const text = await read(req);
    if (first === "_received") return reply(200, received.get(second) ?? []);
    if (first === "_fail") {
      failing.set(second, Number(url.searchParams.get("times") ?? 1));
      return reply(200, { ok: true });
    }
    const [box, kind] = [first, second];
    const platform = Object.hasOwn(PLATFORMS, kind) ? PLATFORMS[kind as keyof typeof PLATFORMS] : null;
    if (req.method !== "POST" || !platform) return reply(404, { error: "no such receiver" });
    const left = failing.get(box) ?? 0;
    if (left > 0) {
      failing.set(box, left - 1);
      return reply(500, { errcode: -1, errmsg: "system busy" });
    }
    let body: Message;
    try {
      body = JSON.parse(text) as Message;
    } catch {
      return reply(400, { errcode: 40035, errmsg: "invalid json" });
    }
    const answer = platform(url, body);
    if (answer.text !== undefined)
      received.set(box, [...(received.get(box) ?? []), { kind, text: answer.text }]);
    return reply(answer.status, answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  project.provide("receiverPort", typeof address === "object" && address ? address.port : 0);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
