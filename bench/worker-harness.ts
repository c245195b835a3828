/**
 * The bench's Worker: the real app for every path, plus /__bench/* to run SQL and time the storage
 * strategies inside workerd, next to D1 (as the Worker itself would). Used only by bench/worker.ts.
 */
import type { D1Database, ExecutionContext } from "@cloudflare/workers-types";
import app from "../worker/index";
import { INSERT_RECORDS_SQL, recordChunks, type StoredRecord } from "../worker/db/store";

interface Env {
  DB: D1Database;
}

const INSERT_ONE = "INSERT INTO records (submission_id, row_no, data, id_hmac) VALUES (?, ?, ?, ?)";

/**
 * The app with its D1 binding behind a counter: the answer carries `x-bench-d1-queries`, every
 * statement prepared (alone or in a batch), and `x-bench-ms`, the time inside workerd.
 */
async function counted(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
  let queries = 0;
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          queries += 1;
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const start = Date.now();
  const res = await app.fetch(request, { ...env, DB: db }, ctx as unknown as Parameters<typeof app.fetch>[2]);
  const body = await res.text();
  const headers = new Headers(res.headers);
  headers.set("x-bench-d1-queries", String(queries));
  headers.set("x-bench-ms", String(Date.now() - start));
  return new Response(body, { status: res.status, headers });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/api/registry/rejudge") return counted(request, env, ctx);
    if (!url.pathname.startsWith("/__bench/"))
      return app.fetch(request, env, ctx as unknown as Parameters<typeof app.fetch>[2]);
    const db = env.DB;
    if (url.pathname === "/__bench/exec") {
      const { statements } = (await request.json()) as { statements: { sql: string; params?: unknown[] }[] };
      await db.batch(statements.map((s) => db.prepare(s.sql).bind(...(s.params ?? []))));
      return Response.json({ ok: true });
    }
    const { strategy, submissionId, records } = (await request.json()) as {
      strategy: "json_each" | "rows" | "rowBatches";
      submissionId: string;
      records: StoredRecord[];
    };
    // Date.now() in workerd advances across I/O, so this measures the D1 work.
    const start = Date.now();
    if (strategy === "json_each") {
      await db.batch(
        recordChunks(records).map((chunk) => db.prepare(INSERT_RECORDS_SQL).bind(submissionId, chunk)),
      );
    } else if (strategy === "rows") {
      for (const r of records) await db.prepare(INSERT_ONE).bind(submissionId, r.row, r.data, r.idHmac).run();
    } else {
      for (let i = 0; i < records.length; i += 1000) {
        await db.batch(
          records
            .slice(i, i + 1000)
            .map((r) => db.prepare(INSERT_ONE).bind(submissionId, r.row, r.data, r.idHmac)),
        );
      }
    }
    return Response.json({ ms: Date.now() - start, chunks: recordChunks(records).length });
  },
};
