/**
 * Bodies and query strings checked by their zod schemas (shared/api.ts) with @hono/zod-validator,
 * so the routes get typed values and `hc<AppType>` typed inputs. A refusal is the documented
 * 400: a message in Chinese naming the field, and every issue (masked, like any echoed text).
 */
import { zValidator } from "@hono/zod-validator";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";
import { maskIdsInText } from "../../shared/privacy";
import { badRequest } from "../errors";

// zod's own messages (wrong type, unknown key…) in Chinese, as everything the Worker says; the
// schemas' own messages already are. zod's locale is global: this is the Worker's bundle only.
z.config(zhCN());

const MAX_ISSUES = 50;

function refusal(target: "json" | "query", error: z.core.$ZodError): never {
  // An unknown key is named in its issue: the caller's own text, masked like any echoed text.
  const issues = error.issues.slice(0, MAX_ISSUES).map((i) => ({
    path: maskIdsInText(i.path.join(".")),
    message: maskIdsInText(i.message),
  }));
  const [first] = issues;
  const message =
    target === "query"
      ? `查询参数“${first.path}”无效：${first.message}`
      : `请求内容不符合格式要求${first.path ? `：${first.path}` : ""}：${first.message}`;
  throw badRequest(message, { issues });
}

/** The JSON body, checked by its schema. */
export const body = <S extends z.ZodType>(schema: S) =>
  zValidator("json", schema, (result) => {
    if (!result.success) refusal("json", result.error);
  });

/** The query string, checked by its schema (a z.object of optional strings). */
export const query = <S extends z.ZodType>(schema: S) =>
  zValidator("query", schema, (result) => {
    if (!result.success) refusal("query", result.error);
  });

/**
 * Every body is read as JSON whatever its Content-Type says: a text/plain body holding valid JSON
 * is accepted (bearer tokens, never cookies, so no cross-site form to guard against), and a form
 * or multipart body is refused as malformed JSON instead of being read as empty.
 */
export const jsonBodies = createMiddleware(async (c, next) => {
  const type = c.req.header("Content-Type") ?? "";
  if (c.req.raw.body !== null && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    const headers = new Headers(c.req.raw.headers);
    headers.set("Content-Type", "application/json");
    c.req.raw = new Request(c.req.raw, { headers });
  }
  await next();
});
