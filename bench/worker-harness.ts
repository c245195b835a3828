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

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
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
