/**
 * A re-judge at a large township's scale through the real Worker and D1: 1,040 current
 * submissions of 2025 (40 branches × 民情问题台账 and 三会一课台账 × the year and its 12 months)
 * and a roll, judged again after 10 branches are set to have no 党小组. The D1 binding is wrapped
 * in a counter: one request stays far under D1's 1,000 queries per Worker invocation (Workers Paid;
 * https://developers.cloudflare.com/d1/platform/limits/) — under the Free plan's 50, even.
 */
import { env } from "cloudflare:test";
import type { D1Database, D1PreparedStatement } from "@cloudflare/workers-types";
import { beforeAll, describe, expect, it } from "vitest";
import {
  COPY_TO_MONTHS,
  REJUDGE_REGISTRY_V1,
  REJUDGE_REGISTRY_V2,
  WITHOUT_GROUPS,
  rejudgeYearSubmissions,
} from "../fixtures/rejudge-year";
import {
  BRANCH1,
  answered,
  bearer,
  call,
  count,
  inProcess,
  membersSubmission,
  idNumber,
  newKey,
  seedUsers,
} from "./helpers";

interface Counted {
  db: D1Database;
  /** Statements prepared (each executed once, alone or in a batch) since the last reset. */
  queries: number;
  batches: number[];
  reset(): void;
  /** Runs before the next batch (once): what another request might do meanwhile. */
  beforeBatch?: () => Promise<void>;
}

/** The D1 binding behind a counter of the statements each request prepares and batches. */
function counted(db: D1Database): Counted {
  const counter: Counted = {
    db: undefined as unknown as D1Database,
    queries: 0,
    batches: [],
    reset() {
      counter.queries = 0;
      counter.batches = [];
    },
  };
  counter.db = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          counter.queries += 1;
          return target.prepare(sql);
        };
      }
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          counter.batches.push(statements.length);
          const hook = counter.beforeBatch;
          counter.beforeBatch = undefined;
          await hook?.();
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return counter;
}

interface Stored {
  id: string;
  kind: string;
  scope: string;
  period: string;
  findings: string;
  finding_counts: string;
  summary: string;
  warnings: number;
  registry_version: number | null;
}

async function storedConclusions(): Promise<Map<string, Stored>> {
  const { results } = await env.DB.prepare(
    `SELECT id, kind, scope, period, findings, finding_counts, summary, warnings, registry_version
     FROM submissions WHERE current = 1`,
  ).all<Stored>();
  return new Map(results.map((r) => [r.id, r]));
}

/** The year filed through the API and copied to its months by SQL, and a roll (the server keeps only masks of its ID numbers: skipped). */
async function seedYear(): Promise<void> {
  for (const body of rejudgeYearSubmissions()) {
    const res = await call("office", "POST", "/api/submissions", { ...body, idempotencyKey: newKey() });
    expect([res.status, res.body.error]).toEqual([201, undefined]);
  }
  await env.DB.batch(COPY_TO_MONTHS.map((s) => env.DB.prepare(s.sql).bind(...s.params)));
  const ids = [idNumber("1980-01-01", 1, true), idNumber("1985-02-02", 2, false)];
  const roll = await call(
    "office",
    "POST",
    "/api/submissions",
    membersSubmission(ids, BRANCH1, { branch: BRANCH1 }),
  );
  expect([roll.status, roll.body.error]).toEqual([201, undefined]);
}

const SUBMISSIONS = 40 * 2 * 13;
const CHANGED = WITHOUT_GROUPS.length * 13;

let rollId = "";

beforeAll(async () => {
  await seedUsers();
  expect((await call("admin", "PUT", "/api/registry", REJUDGE_REGISTRY_V1)).body.version).toBe(1);
  await seedYear();
  rollId = (await env.DB.prepare("SELECT id FROM submissions WHERE kind = 'members'").first<{
    id: string;
  }>())!.id;
  expect(await count("submissions", "current = 1")).toBe(SUBMISSIONS + 1);
  expect((await call("admin", "PUT", "/api/registry", REJUDGE_REGISTRY_V2)).body.version).toBe(2);
});

describe("a re-judge of a year of 1,040 current submissions", () => {
  it("judges every one in one request within D1's query limit, dry run first, then applies exactly the changes", async () => {
    const counter = counted(env.DB);
    const api = inProcess({ DB: counter.db });
    const before = await storedConclusions();

    const dry = await answered(api.registry.rejudge.$post({ json: { year: "2025" } }, bearer("admin")));
    expect(dry.status).toBe(200);
    const dryQueries = counter.queries;
    expect(dryQueries).toBeLessThan(50);
    expect(counter.batches).toEqual([]);
    expect([dry.body.registryVersion, dry.body.applied, dry.body.judged, dry.body.message]).toEqual([
      2,
      false,
      SUBMISSIONS,
      `${CHANGED} 份台账的结论会变化（共重新校验 ${SUBMISSIONS} 份）；确认后才会保存。`,
    ]);
    expect(dry.body.skipped).toEqual([
      {
        id: rollId,
        kind: "members",
        scope: expect.any(String),
        period: "2025",
        reason: "服务器只保存身份证号的掩码，无法重新校验；如需按现行规则校验，请重新提交。",
      },
    ]);
    const expected = [...before.values()]
      .filter((s) => s.kind === "branch-meetings" && WITHOUT_GROUPS.includes(s.scope))
      .map((s) => ({
        id: s.id,
        kind: "branch-meetings",
        scope: s.scope,
        period: s.period,
        registryVersion: 1,
        before: { errors: 0, warnings: 9, counts: { "cadence-gap": 9 } },
        after: { errors: 0, warnings: 0, counts: {} },
      }));
    expect(expected).toHaveLength(CHANGED);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...dry.body.changed].sort(byId)).toEqual(expected.sort(byId));
    // The dry run changed nothing.
    expect(await storedConclusions()).toEqual(before);

    counter.reset();
    const applied = await answered(
      api.registry.rejudge.$post({ json: { year: "2025", apply: true } }, bearer("admin")),
    );
    expect(applied.status).toBe(200);
    expect(counter.queries).toBeLessThan(50);
    expect(counter.batches).toHaveLength(1);
    expect([
      applied.body.applied,
      applied.body.judged,
      applied.body.changed.length,
      applied.body.message,
    ]).toEqual([
      true,
      SUBMISSIONS,
      CHANGED,
      `已按第 2 版登记信息重新校验 ${SUBMISSIONS} 份台账，${CHANGED} 份的结论已变化。`,
    ]);

    const after = await storedConclusions();
    const changedIds = new Set(expected.map((c) => c.id));
    for (const [id, was] of before) {
      const now = after.get(id)!;
      if (id === rollId) {
        expect(now).toEqual(was);
      } else if (changedIds.has(id)) {
        expect([now.findings, now.finding_counts, now.warnings, now.registry_version]).toEqual([
          "[]",
          "{}",
          0,
          2,
        ]);
        // The figures are judged again too: 党小组会 is no longer a type these branches hold.
        const summary = JSON.parse(was.summary) as { cadence: Record<string, Record<string, unknown>> };
        for (const types of Object.values(summary.cadence)) delete types["党小组会"];
        expect(JSON.parse(now.summary)).toEqual(summary);
      } else {
        // Unchanged conclusions stay exactly as stored; only the version they were judged with moves.
        expect(now).toEqual({ ...was, registry_version: 2 });
      }
    }
    const audit = await env.DB.prepare("SELECT detail FROM audit WHERE action = 'registry.rejudge'").all<{
      detail: string;
    }>();
    expect(audit.results.map((r) => JSON.parse(r.detail))).toEqual([
      { registryVersion: 2, judged: SUBMISSIONS, changed: expect.any(Array), skipped: 1 },
    ]);
    expect(new Set(JSON.parse(audit.results[0].detail).changed)).toEqual(changedIds);
  });

  it("stores nothing and answers 409 when the registry changes while it judges", async () => {
    const counter = counted(env.DB);
    const api = inProcess({ DB: counter.db });
    // Version 3: every branch has 党小组 again, stored by another request while this one judges.
    const before = await storedConclusions();
    const audits = await count("audit", "action = 'registry.rejudge'");
    counter.beforeBatch = async () => {
      await call("admin", "PUT", "/api/registry", REJUDGE_REGISTRY_V1);
    };
    const res = await answered(
      api.registry.rejudge.$post({ json: { year: "2025", apply: true } }, bearer("admin")),
    );
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: {
        code: "conflict",
        message: "重新校验期间登记信息已被修改，本次未保存任何结论；请重新预览后再确认。",
      },
    });
    expect(await storedConclusions()).toEqual(before);
    expect(await count("audit", "action = 'registry.rejudge'")).toBe(audits);
  });
});
