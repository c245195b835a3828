/**
 * Worker bench (`npm run bench`, or `npx tsx bench/worker.ts`): the real Worker run by wrangler
 * (workerd, local D1) on loopback, behind bench/worker-harness.ts which times storage inside workerd.
 *  1. POST /api/submissions of a 10,000-row 民情问题台账 (validation + storage), end to end.
 *  2. Storing 10,000 records: chunked `INSERT … SELECT … FROM json_each(?)` in one batch, against
 *     row-by-row inserts (one awaited statement per row, and one batch of 10,000 statements).
 *  3. GET /api/summary latency for a year holding 12 kinds × 9 branches (synthetic 9-branch registry).
 *  4. POST /api/registry/rejudge of a year of 1,040 current submissions (test/fixtures/rejudge-year.ts):
 *     the dry run and the apply, their time in workerd and the D1 queries each used.
 */
import { fileURLToPath } from "node:url";
import { DEFAULT_REGISTRY, type Registry } from "../shared/registry";
import { KINDS } from "../shared/kinds";
import type { ColumnDef, Value } from "../shared/kinds/types";
import { INSERT_RECORDS_SQL, recordChunks, type StoredRecord } from "../worker/db/store";
import { problemsSheet } from "../test/fixtures/problem-rows";
import {
  COPY_TO_MONTHS,
  REJUDGE_REGISTRY_V1,
  REJUDGE_REGISTRY_V2,
  rejudgeYearSubmissions,
} from "../test/fixtures/rejudge-year";
import { LOCAL_USERS, startLocalWorker } from "../test/fixtures/worker-server";

const ROWS = 10_000;
const ADMIN_TOKEN = "ll_bench-admin-token";
const ADMIN_ID = LOCAL_USERS.admin.id;

type Exec = (statements: { sql: string; params?: unknown[] }[]) => Promise<unknown>;

type Call = (method: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

/** The Worker with the bench harness in front, on a fresh local D1 (test/fixtures/worker-server.ts). */
async function startWorker() {
  const worker = await startLocalWorker({
    tokens: { admin: ADMIN_TOKEN },
    asOf: "2025-12-31",
    entrypoint: "bench/worker-harness.ts",
  });
  const call: Call = async (method, path, body) => {
    const res = await fetch(new URL(path, worker.url), {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const exec = (statements: { sql: string; params?: unknown[] }[]) =>
    call("POST", "/__bench/exec", { statements });
  return { dispose: worker.stop, call, exec, url: worker.url };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;

async function ingest(call: Call, exec: Exec) {
  // 1. End to end through the API.
  const sheet = problemsSheet(ROWS, {
    description: (i) => `第${i}号问题：村道破损，雨天积水，群众出行不便`,
    cells: { 收集人: "王五", 责任人: "村委会" },
  });
  const t = performance.now();
  const receipt = await call("POST", "/api/submissions", {
    kind: "problems",
    period: "2025",
    branch: "老牛湾村党支部",
    sheetName: "民情问题台账",
    sheet,
    idempotencyKey: "bench-ingest-0001",
  });
  const e2e = performance.now() - t;

  // 2. The records exactly as the Worker stored them, stored again by each strategy, timed inside workerd.
  const stored = (await call("GET", `/api/submissions/${String(receipt.id)}`)) as {
    records: { row: number; values: Record<string, Value> }[];
  };
  const records: StoredRecord[] = stored.records.map((r) => ({
    row: r.row,
    data: JSON.stringify(r.values),
    idHmac: null,
  }));
  const timed = async (strategy: string) => {
    const id = `bench-${strategy}`;
    await exec([
      {
        sql: `INSERT INTO submissions (id, kind, scope, period, version, current, submitted_by, created_at, idempotency_key, body_hash, sheet_name, rows)
              VALUES (?, 'problems', ?, '2019', 1, 1, '${ADMIN_ID}', '2025-01-01', ?, 'x', 'bench', ?)`,
        params: [id, id, id, ROWS],
      },
    ]);
    const out = (await call("POST", "/__bench/ingest", { strategy, submissionId: id, records })) as {
      ms: number;
      chunks: number;
    };
    return out;
  };
  const jsonEach = await timed("json_each");
  const rows = await timed("rows");
  const rowBatches = await timed("rowBatches");

  console.log(
    `\nWorker ingest of a ${ROWS.toLocaleString("en-US")}-row 民情问题台账 (wrangler dev runtime: workerd + local D1)`,
  );
  console.log(
    `  POST /api/submissions end to end (validate, mask, store) ${seconds(e2e).padStart(8)}  ${rate(ROWS, e2e)}`,
  );
  console.log(
    `  store: json_each, ${jsonEach.chunks} chunk(s) in 1 batch              ${seconds(jsonEach.ms).padStart(8)}  ${rate(ROWS, jsonEach.ms)}`,
  );
  console.log(
    `  store: row by row, ${ROWS} awaited INSERTs             ${seconds(rows.ms).padStart(8)}  ${rate(ROWS, rows.ms)}`,
  );
  console.log(
    `  store: row by row, batches of 1,000 INSERTs           ${seconds(rowBatches.ms).padStart(8)}  ${rate(ROWS, rowBatches.ms)}`,
  );
  console.log(
    `  json_each is ${(rows.ms / Math.max(1, jsonEach.ms)).toFixed(1)}× faster than awaited row-by-row inserts, ${(rowBatches.ms / Math.max(1, jsonEach.ms)).toFixed(1)}× faster than batched ones`,
  );
}

const NINE_BRANCHES: Registry = {
  ...DEFAULT_REGISTRY,
  branches: [
    ...DEFAULT_REGISTRY.branches,
    ...["黄河村", "万家寨村", "石城村"].map((village) => ({
      name: `${village}党支部`,
      village,
      aliases: [village.replace(/村$/, "")],
    })),
  ],
};

/** A plausible normalised value for a column, from its type alone (the summary reads only these). */
function sampleValue(col: ColumnDef, i: number, branch: string): Value {
  const t = col.type;
  const day = `2024-${String(1 + (i % 9)).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}`;
  switch (t.t) {
    case "date":
      return day;
    case "month":
      return day.slice(0, 7);
    case "int":
      return Math.max(t.min ?? 0, 1 + (i % 9));
    case "num":
      return Math.min(t.max ?? 100, 1 + (i % 5));
    case "money":
      return 1000 + i * 10;
    case "enum":
      return t.values[i % t.values.length];
    case "list":
      return t.values?.length ? [t.values[i % t.values.length]] : ["其他"];
    case "branch":
      return branch;
    case "staff":
      return ["张三", "李四", "王五", "赵六"][i % 4];
    case "staffList":
      return ["张三"];
    case "mobile":
      return "13800138000";
    case "id18":
      return "140932********123X";
    default:
      return `${col.name}${i}`;
  }
}

async function summaryLatency(call: Call, exec: Exec) {
  await call("PUT", "/api/registry", NINE_BRANCHES);
  const ROWS_PER = 100;
  const statements: { sql: string; params?: unknown[] }[] = [];
  let total = 0;
  for (const kind of KINDS) {
    const period = kind.grain === "month" ? "2024-03" : "2024";
    for (const b of NINE_BRANCHES.branches) {
      const id = `bench-${kind.id}-${b.name}`;
      statements.push({
        sql: `INSERT INTO submissions (id, kind, scope, period, version, current, submitted_by, created_at, idempotency_key, body_hash, sheet_name, rows)
              VALUES (?, ?, ?, ?, 1, 1, '${ADMIN_ID}', '2024-04-01T00:00:00Z', ?, 'x', ?, ?)`,
        params: [id, kind.id, b.name, period, id, kind.title, ROWS_PER],
      });
      const records: StoredRecord[] = Array.from({ length: ROWS_PER }, (_, i) => {
        const values: Record<string, Value> = {};
        for (const col of kind.columns) values[col.name] = sampleValue(col, i, b.name);
        return { row: i + 3, data: JSON.stringify(values), idHmac: null };
      });
      for (const chunk of recordChunks(records))
        statements.push({ sql: INSERT_RECORDS_SQL, params: [id, chunk] });
      total += ROWS_PER;
    }
  }
  for (let i = 0; i < statements.length; i += 50) await exec(statements.slice(i, i + 50));
  await call("GET", "/api/summary?year=2024"); // warm up
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await call("GET", "/api/summary?year=2024");
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
  console.log(
    `\nGET /api/summary?year=2024, ${KINDS.length} kinds × ${NINE_BRANCHES.branches.length} branches × ${ROWS_PER} rows (${total.toLocaleString("en-US")} rows), 20 runs`,
  );
  console.log(`  median ${p(0.5)} ms · p90 ${p(0.9)} ms · max ${times[times.length - 1].toFixed(0)} ms`);
}

async function rejudgeYear(call: Call, exec: Exec, url: string) {
  await call("PUT", "/api/registry", REJUDGE_REGISTRY_V1);
  for (const [i, body] of rejudgeYearSubmissions().entries())
    await call("POST", "/api/submissions", { ...body, idempotencyKey: `bench-rejudge-${i}` });
  await exec(COPY_TO_MONTHS);
  await call("PUT", "/api/registry", REJUDGE_REGISTRY_V2);
  console.log(
    "\nPOST /api/registry/rejudge, a year of 1,040 current submissions (40 branches × 2 ledgers × 13 periods)",
  );
  for (const apply of [false, true]) {
    const t = performance.now();
    const res = await fetch(new URL("/api/registry/rejudge", url), {
      method: "POST",
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ year: "2025", apply }),
    });
    const body = (await res.json()) as { judged: number; changed: unknown[] };
    const ms = performance.now() - t;
    if (res.status !== 200) throw new Error(`rejudge → ${res.status}: ${JSON.stringify(body)}`);
    console.log(
      `  ${apply ? "apply  " : "dry run"} ${seconds(ms)} end to end (${res.headers.get("x-bench-ms")} ms in workerd) · ${body.judged} judged, ${body.changed.length} changed · ${res.headers.get("x-bench-d1-queries")} D1 queries`,
    );
  }
}

export async function run(): Promise<void> {
  process.env.WRANGLER_SEND_METRICS = "false";
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
  const { dispose, call, exec, url } = await startWorker();
  try {
    await ingest(call, exec);
    await summaryLatency(call, exec);
    await rejudgeYear(call, exec, url);
  } finally {
    await dispose();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
