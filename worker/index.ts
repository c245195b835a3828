/**
 * The Ledgerline Worker: the one HTTP API (interfaces spec) under /api, and the pane's built files
 * (dist/addin) for every other path. D1 holds the canonical records.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { Fetcher } from "@cloudflare/workers-types";
import { MAX_BODY_BYTES, type ApiErrorCode } from "../shared/api";
import type { AppEnv } from "./env";
import { ApiError, notFound } from "./errors";
import { authenticate } from "./lib/auth";
import { judging } from "./lib/context";
import { jsonBodies } from "./lib/validate";
import { maskIdsInText } from "../shared/privacy";
import { remasked } from "./lib/remask";
import { health } from "./routes/health";
import { me } from "./routes/me";
import { registry } from "./routes/registry";
import { users } from "./routes/users";
import { tokens } from "./routes/tokens";
import { submissions } from "./routes/submissions";
import { status } from "./routes/status";
import { records } from "./routes/records";
import { summary } from "./routes/summary";
import { audit } from "./routes/audit";
import { rekey } from "./routes/rekey";

/** Hosts that frame the pane: Excel on the web and Microsoft 365 (no X-Frame-Options anywhere). */
export const FRAME_ANCESTORS = [
  "'self'",
  "https://*.officeapps.live.com",
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.sharepoint.com",
  "https://*.officeppe.com",
];

const api = new Hono<AppEnv>()
  .route("/health", health)
  .use(jsonBodies)
  .use(judging)
  .use(authenticate)
  .use(remasked)
  .route("/me", me)
  .route("/registry", registry)
  .route("/users", users)
  .route("/tokens", tokens)
  .route("/submissions", submissions)
  .route("/status", status)
  .route("/records", records)
  .route("/summary", summary)
  .route("/audit", audit)
  .route("/rekey", rekey)
  .all("*", () => {
    throw notFound("没有这个接口。");
  });

// The pane is served by this Worker, so it calls the API from the same origin; other origins only by configuration.
const panes = cors({
  origin: (origin, c) => {
    const allowed = (c.env.PANE_ORIGINS ?? "")
      .split(",")
      .map((s: string) => s.trim())
      .filter(Boolean);
    return origin === new URL(c.req.url).origin || allowed.includes(origin) ? origin : null;
  },
  allowHeaders: ["Authorization", "Content-Type"],
  allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
  maxAge: 600,
});

const app = new Hono<AppEnv>()
  .use(
    secureHeaders({
      xFrameOptions: false,
      crossOriginOpenerPolicy: false,
      crossOriginResourcePolicy: false,
      contentSecurityPolicy: { frameAncestors: FRAME_ANCESTORS },
    }),
  )
  .use("/api/*", panes)
  .use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          "too-large",
          `请求内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，请拆分工作表后再提交。`,
        );
      },
    }),
  )
  .route("/api", api)
  // Everything else is the pane's built files.
  .all("*", async (c) => {
    if (!c.env.ASSETS) throw notFound();
    const url = new URL(c.req.url);
    // The standalone page is the site's front page.
    const req = url.pathname === "/" ? new Request(new URL("/index.html", url), c.req.raw) : c.req.raw;
    const res = await c.env.ASSETS.fetch(req as unknown as Parameters<Fetcher["fetch"]>[0]);
    // A mutable copy, so the framing headers can be set on it.
    const out = new Response(res.body as unknown as BodyInit, res as unknown as ResponseInit);
    // The page's service worker script is checked on every visit: no cache may answer for it.
    if (url.pathname === "/sw.js") out.headers.set("Cache-Control", "no-cache");
    return out;
  });

/** Hono's own refusals (its JSON validator's "Malformed JSON" among them), in the API's vocabulary. */
const HTTP_ERRORS: Record<number, { code: ApiErrorCode; message: string }> = {
  400: { code: "bad-request", message: "请求内容不是有效的 JSON。" },
  401: { code: "unauthorized", message: "请先登录。" },
  403: { code: "forbidden", message: "您没有权限执行此操作。" },
  404: { code: "not-found", message: "未找到该地址。" },
  405: { code: "method-not-allowed", message: "不支持该请求方法。" },
  409: { code: "conflict", message: "请求与当前数据冲突。" },
  413: { code: "too-large", message: "请求内容过大。" },
  422: { code: "unprocessable", message: "请求无法处理。" },
  429: { code: "too-many-requests", message: "请求过于频繁，请稍后再试。" },
};

// The one place that shapes error bodies; a 500 never carries internals.
app.onError((err, c) => {
  if (err instanceof ApiError) {
    const error =
      err.details === undefined
        ? { code: err.code, message: err.message }
        : { code: err.code, message: err.message, details: err.details };
    return c.json({ error }, err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const error = HTTP_ERRORS[err.status] ?? { code: "bad-request", message: "请求无法处理。" };
    return c.json({ error }, err.status);
  }
  console.error(`ledgerline: ${err.name}: ${maskIdsInText(err.message).slice(0, 300)}`);
  return c.json({ error: { code: "internal", message: "服务器内部错误，请稍后重试。" } }, 500);
});

app.notFound((c) => c.json({ error: { code: "not-found", message: "未找到该地址。" } }, 404));

/** The app's routes, their inputs and answers: what `hc<AppType>` types the pane's and the CLI's client with. */
export type AppType = typeof app;
export default app;
