import type { Context } from "hono";
import type { z } from "zod";
import { maskIdsInText } from "../../shared/privacy";
import { badRequest } from "../errors";

/** The JSON body checked against its schema; malformed or invalid → 400 with the issues. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest("请求内容不是有效的 JSON。");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw badRequest("请求内容不符合格式要求。", {
      // An unknown key is named in its issue: the caller's own text, masked like any echoed text.
      issues: parsed.error.issues
        .slice(0, 50)
        .map((i) => ({ path: maskIdsInText(i.path.join(".")), message: maskIdsInText(i.message) })),
    });
  }
  return parsed.data;
}

/** A query parameter checked against a schema; invalid → 400. */
export function readQuery<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query(name));
  if (!parsed.success) throw badRequest(`查询参数“${name}”无效：${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}
