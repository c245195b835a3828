/**
 * How each group robot takes a text message, as its platform documents its webhook:
 *
 * - 企业微信 群机器人: POST the webhook (…/cgi-bin/webhook/send?key=KEY) with
 *   `{"msgtype":"text","text":{"content":…}}` (content at most 2,048 bytes); success is
 *   `{"errcode":0}`. https://developer.work.weixin.qq.com/document/path/99110 (群机器人配置说明)
 * - 钉钉 自定义机器人, 加签: timestamp in milliseconds, string to sign `timestamp + "\n" + secret`,
 *   HmacSHA256 keyed with the secret, Base64, then urlEncode; appended to the webhook as
 *   `&timestamp=…&sign=…`; the same JSON text message; success is `{"errcode":0}`.
 *   https://open.dingtalk.com/document/robots/customize-robot-security-settings
 * - 飞书 自定义机器人, 签名校验: timestamp in seconds (within an hour of the server's clock),
 *   `timestamp + "\n" + secret` is the HmacSHA256 **key** of an empty message, Base64; sent in the
 *   body `{"timestamp","sign","msg_type":"text","content":{"text":…}}` (body at most 20 KB);
 *   success is `{"code":0}` (older answers: `{"StatusCode":0}`).
 *   https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 */
import type { RobotKind } from "../../shared/api";
import { hmacBase64 } from "../lib/crypto";

/** 钉钉 加签's `sign`: urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))). */
export async function dingtalkSign(secret: string, timestampMs: number): Promise<string> {
  return encodeURIComponent(await hmacBase64(secret, `${timestampMs}\n${secret}`));
}

/** 飞书 签名校验's `sign`: base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")). */
export async function feishuSign(secret: string, timestampS: number): Promise<string> {
  return hmacBase64(`${timestampS}\n${secret}`, "");
}

/** The request that posts `text` through a robot at `now`. */
export async function robotRequest(
  kind: RobotKind,
  webhook: string,
  secret: string | null,
  text: string,
  now: number,
): Promise<{ url: string; body: unknown }> {
  switch (kind) {
    case "wecom":
      return { url: webhook, body: { msgtype: "text", text: { content: text } } };
    case "dingtalk": {
      const url = new URL(webhook);
      if (secret) {
        url.searchParams.set("timestamp", String(now));
        // Already url-encoded as DingTalk specifies; appended as is so it is not encoded twice.
        return {
          url: `${url.toString()}&sign=${await dingtalkSign(secret, now)}`,
          body: { msgtype: "text", text: { content: text } },
        };
      }
      return { url: url.toString(), body: { msgtype: "text", text: { content: text } } };
    }
    case "feishu": {
      const body = { msg_type: "text", content: { text } };
      if (!secret) return { url: webhook, body };
      const timestamp = Math.floor(now / 1000);
      return {
        url: webhook,
        body: { timestamp: String(timestamp), sign: await feishuSign(secret, timestamp), ...body },
      };
    }
  }
}

/** The platform's refusal in its answer, or null when it took the message. */
export function robotRefusal(kind: RobotKind, status: number, answer: unknown): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  const a = (answer ?? {}) as Record<string, unknown>;
  const code = kind === "feishu" ? (a.code ?? a.StatusCode) : a.errcode;
  if (code === 0) return null;
  const message = kind === "feishu" ? (a.msg ?? a.StatusMessage) : a.errmsg;
  return `${String(code ?? "无返回码")}${typeof message === "string" ? ` ${message}` : ""}`.slice(0, 200);
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Why a webhook address is refused, or null: only https outside development; in development and
 * tests (LOCAL_DEV) only loopback, so nothing leaves the machine.
 */
export function webhookRefusal(webhook: string, localDev: boolean): string | null {
  let url: URL;
  try {
    url = new URL(webhook);
  } catch {
    return "机器人地址不是有效的网址，请从群机器人的设置页面完整复制 Webhook 地址。";
  }
  if (url.username || url.password) return "机器人地址不能包含用户名或密码。";
  if (localDev) {
    return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK.has(url.hostname)
      ? null
      : "开发和测试环境只能发往本机的接收端（如 http://127.0.0.1:8788/…），以免消息离开本机。";
  }
  return url.protocol === "https:" ? null : "机器人地址必须以 https:// 开头。";
}

/** A webhook as the API shows it: its origin and the last 4 characters; the key in between hidden. */
export function maskWebhook(webhook: string): string {
  let origin = "";
  try {
    origin = new URL(webhook).origin;
  } catch {
    // an address that does not parse is refused before it is stored
  }
  return `${origin}/…${webhook.slice(-4)}`;
}
