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
import { MAX_BODY_BYTES } from "../shared/api";
import type { AppEnv } from "./env";
import { ApiError, notFound } from "./errors";
import { authenticate } from "./lib/auth";
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

const app = new Hono<AppEnv>();

app.use(
  secureHeaders({
    xFrameOptions: false,
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: false,
    contentSecurityPolicy: { frameAncestors: FRAME_ANCESTORS },
  }),
);

// The pane is served by this Worker, so it calls the API from the same origin; other origins only by configuration.
app.use(
  "/api/*",
  cors({
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
  }),
);

app.use(
  "/api/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(
        413,
        "too-large",
        `请求内容超过 ${MAX_BODY_BYTES / 1024 / 1024} MB，请拆分工作表后再提交。`,
      );
    },
  }),
);

const _routes = app.route("/api", api);

// Everything else is the pane's built files.
app.all("*", async (c) => {
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

const CODES: Record<number, string> = {
  400: "bad-request",
  401: "unauthorized",
  403: "forbidden",
  404: "not-found",
  405: "method-not-allowed",
  409: "conflict",
  413: "too-large",
  422: "unprocessable",
  429: "too-many-requests",
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
    return c.json({ error: { code: CODES[err.status] ?? "error", message: "请求无法处理。" } }, err.status);
  }
  console.error(`ledgerline: ${err.name}: ${maskIdsInText(err.message).slice(0, 300)}`);
  return c.json({ error: { code: "internal", message: "服务器内部错误，请稍后重试。" } }, 500);
});

app.notFound((c) => c.json({ error: { code: "not-found", message: "未找到该地址。" } }, 404));

export type AppType = typeof _routes;
export default app;
