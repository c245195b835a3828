/**
 * Properties of the API through HTTP, each against an oracle outside the Worker:
 *  - a body its schema refuses (shared/api.ts) gets the documented 400 naming the schema's first
 *    issue, or 403 first when the caller's role may not use the route;
 *  - a body shaped like a submission, with arbitrary cells, kinds, periods and branches, gets the
 *    answer the spec's rules and the engine (run here on the same sheet) give: refused before
 *    judgment for what the request says, 422 exactly when the engine finds errors, a receipt otherwise;
 *  - every refusal is `{error: {code, message}}` with a code of the closed vocabulary, answered with
 *    that code's status.
 */
import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  API_ERRORS,
  ErrorBodySchema,
  IssuesDetailsSchema,
  ReceiptSchema,
  RefusalDetailsSchema,
  ReturnRequestSchema,
  SubmissionRequestSchema,
  TokenCreateSchema,
  UserCreateSchema,
  type ApiErrorCode,
} from "../../../shared/api";
import { validateWorkbook } from "../../../shared/engine";
import { KINDS, kindById } from "../../../shared/kinds";
import type { KindDef } from "../../../shared/kinds/types";
import { maskIdsInText } from "../../../shared/privacy";
import { DEFAULT_REGISTRY, RegistrySchema, branchMatcher } from "../../../shared/registry";
import { officeStaffNames } from "../../../worker/db/records";
import { TOKENS, USERS, call, newKey, problemsSheet, problemsSubmission, seedUsers } from "../helpers";

type Who = keyof typeof TOKENS;
const WHO: Who[] = ["admin", "office", "branch1", "branch2"];

let submissionId = "";
beforeAll(async () => {
  await seedUsers();
  const seeded = await call("branch1", "POST", "/api/submissions", problemsSubmission(problemsSheet(1)));
  expect(seeded.status).toBe(201);
  submissionId = seeded.body.id;
});

async function send(method: string, path: string, text: string, who: Who) {
  const res = await SELF.fetch(`https://ledgerline.test${path}`, {
    method,
    headers: { Authorization: `Bearer ${TOKENS[who]}`, "Content-Type": "application/json" },
    body: text,
  });
  const body = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // Checked below: every answer of the API is JSON.
  }
  return { status: res.status, body, json };
}

/** A refusal in the documented shape, with a code of the vocabulary answered with its own status. */
function refusalOf(answer: { status: number; body: string; json: unknown }) {
  const parsed = ErrorBodySchema.safeParse(answer.json);
  expect([answer.body.slice(0, 300), parsed.success]).toEqual([answer.body.slice(0, 300), true]);
  const error = parsed.data!.error;
  expect([error.code, answer.status]).toEqual([error.code, API_ERRORS[error.code]]);
  expect(error.message).toMatch(/\p{Script=Han}/u);
  return error;
}

const ROUTES: {
  route: string;
  method: string;
  path: () => string;
  schema: z.ZodType;
  roles: readonly Who[];
}[] = [
  {
    route: "POST /api/submissions",
    method: "POST",
    path: () => "/api/submissions",
    schema: SubmissionRequestSchema,
    roles: WHO,
  },
  {
    route: "PUT /api/registry",
    method: "PUT",
    path: () => "/api/registry",
    schema: RegistrySchema,
    roles: ["admin"],
  },
  {
    route: "POST /api/users",
    method: "POST",
    path: () => "/api/users",
    schema: UserCreateSchema,
    roles: ["admin"],
  },
  {
    route: "POST /api/tokens",
    method: "POST",
    path: () => "/api/tokens",
    schema: TokenCreateSchema,
    roles: ["admin"],
  },
  {
    route: "POST /api/submissions/:id/return",
    method: "POST",
    path: () => `/api/submissions/${submissionId}/return`,
    schema: ReturnRequestSchema,
    roles: ["admin", "office"],
  },
];

describe("bodies their schema refuses", () => {
  it.each(ROUTES)(
    "$route: 403 for a role the route is not for, else 400 naming the schema's first issue",
    async ({ route, method, path, schema, roles }) => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(...WHO), async (value, who) => {
          const verdict = schema.safeParse(value);
          fc.pre(!verdict.success);
          const error = refusalOf(await send(method, path(), JSON.stringify(value), who));
          if (!roles.includes(who)) {
            expect(error.code).toBe("forbidden");
            return;
          }
          const first = maskIdsInText(verdict.error!.issues[0].path.join("."));
          expect(error.code).toBe("bad-request");
          const issue = IssuesDetailsSchema.parse(error.details).issues[0];
          expect(issue.path).toBe(first);
          // A registry's refusal names the field in words, as the admin view shows it.
          if (route === "PUT /api/registry") expect(error.message).toContain(`：${issue.place}：`);
          else expect(error.message).toContain(first ? `：${first}：` : "请求内容不符合格式要求");
        }),
        { numRuns: 60 },
      );
    },
  );

  it("any text as a body is refused with 400 bad-request, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), async (text) => {
        const answer = await send("POST", "/api/submissions", text, "admin");
        expect(refusalOf(answer).code).toBe("bad-request");
      }),
      { numRuns: 80 },
    );
  });
});

const cell = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    "#REF!",
    "#DIV/0!",
    "2025-09-12",
    "老牛湾村",
    "乾坤湾村",
    "已解决",
    "=1+1",
    "'; DROP TABLE records; --",
    "140932198001010011",
  ),
);

type Expected = { refused: ApiErrorCode } | { scope: string | null };

/**
 * What the request itself decides before any judgment (interfaces spec): the kind, the period's
 * grain, the branch named, and who may file what — a branch its own ledgers only, the office its
 * own ledgers and any branch's on its behalf. `scope` null: the office's own.
 */
function beforeJudgment(who: Who, kind: KindDef | undefined, period: string, branch?: string): Expected {
  if (!kind) return { refused: "unknown-kind" };
  if ((kind.grain === "month") !== period.length > 4) return { refused: "bad-request" };
  const named = branch === undefined ? null : branchMatcher(DEFAULT_REGISTRY).match(branch);
  if (branch !== undefined && !named) return { refused: "unknown-branch" };
  const own = USERS[who].branch;
  if (own !== null) {
    if (kind.scope === "office" || (named && named !== own)) return { refused: "forbidden" };
    return { scope: own };
  }
  if (kind.scope === "office") return named ? { refused: "bad-request" } : { scope: null };
  if (kind.scope === "branch" && !named) return { refused: "bad-request" };
  return { scope: named };
}

/** Anything shaped like a submission: arbitrary cells under a real kind's header, and arbitrary fields. */
const anySubmission = fc.record({
  kind: fc.oneof(fc.constantFrom(...KINDS.map((k) => k.id)), fc.string({ maxLength: 10 })),
  period: fc.constantFrom("2025", "2025-09", "1999", "2025-13", "x"),
  branch: fc.option(fc.constantFrom("老牛湾", "乾坤湾村党支部", "不存在", ""), { nil: undefined }),
  sheetName: fc.string({ minLength: 1, maxLength: 30 }),
  sheet: fc.record({
    values: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 25 }),
    merges: fc.array(
      fc.constantFrom("A1:M1", "A3:A7", "A1:XFD1048576", "B2", "ZZZ1:A1", "A0:B1", "XFD1048576:XFD1048576"),
      { maxLength: 5 },
    ),
    date1904: fc.boolean(),
  }),
  idempotencyKey: fc.string({ minLength: 8, maxLength: 40 }),
  header: fc.constant(true),
});

/** A clean 民情问题台账 of one village with a few cells changed: most reach the engine, many pass. */
const nearlyClean = fc
  .record({
    village: fc.constantFrom("老牛湾村", "乾坤湾村"),
    rows: fc.integer({ min: 0, max: 4 }),
    edits: fc.array(fc.tuple(fc.nat(6), fc.nat(11), cell), { maxLength: 2 }),
    kind: fc.constantFrom("problems", "problems", "problems", "fieldwork"),
    period: fc.constantFrom("2025", "2025", "2024", "2025-09"),
    branch: fc.option(fc.constantFrom("老牛湾", "乾坤湾村党支部", "不存在"), { nil: undefined }),
    sheetName: fc.constantFrom("民情问题台账", "Sheet1", "140932198001010011"),
    idempotencyKey: fc.string({ minLength: 8, maxLength: 40 }),
  })
  .map(({ village, rows, edits, ...rest }) => {
    const sheet = problemsSheet(rows, village, `P${rows}`);
    for (const [r, c, v] of edits) if (sheet.values[r]) sheet.values[r][c] = v;
    return { ...rest, sheet, header: false };
  });

describe("bodies shaped like a submission", () => {
  it("get what the spec's rules and the engine decide, judged here on the same sheet", async () => {
    const reached = new Set<string>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: anySubmission, weight: 1 }, { arbitrary: nearlyClean, weight: 2 }),
        fc.constantFrom(...WHO),
        async ({ header, ...generated }, who) => {
          // Each run is its own attempt: a key of its own, after the arbitrary text.
          const body = JSON.parse(
            JSON.stringify({ ...generated, idempotencyKey: `${generated.idempotencyKey}${newKey()}` }),
          );
          // A header row of the kind's own columns makes many arbitrary bodies reach the engine and D1.
          const kind = kindById(body.kind);
          if (header && kind && body.sheet.values.length)
            body.sheet.values.unshift(kind.columns.map((c) => c.name));
          const fallbackStaff = await officeStaffNames(env.DB);
          const answer = await send("POST", "/api/submissions", JSON.stringify(body), who);

          const request = SubmissionRequestSchema.safeParse(body);
          if (!request.success) {
            expect(refusalOf(answer).code).toBe("bad-request");
            return void reached.add("schema");
          }
          const expected = beforeJudgment(who, kind, body.period, body.branch);
          if ("refused" in expected) {
            expect(refusalOf(answer).code).toBe(expected.refused);
            return void reached.add("request");
          }
          const sheet = request.data.sheet;
          const [local] = validateWorkbook(
            {
              sheets: [{ name: maskIdsInText(body.sheetName), values: sheet.values, merges: sheet.merges }],
              date1904: sheet.date1904,
            },
            {
              asOf: "2025-10-01",
              registry: DEFAULT_REGISTRY,
              fallbackStaff,
              branch: expected.scope ?? undefined,
            },
          );
          if (!local || local.kind !== kind!.id) {
            const error = refusalOf(answer);
            expect(error.code).toBe("kind-mismatch");
            expect((error.details as { recognised: string | null }).recognised).toBe(local?.kind ?? null);
            return;
          }
          if (local.errors > 0) {
            const error = refusalOf(answer);
            expect(error.code).toBe("invalid-sheet");
            const details = RefusalDetailsSchema.parse(error.details);
            expect((error.details as { errors: number }).errors).toBe(local.errors);
            expect(details.total).toBe(local.findings.length);
            expect(details.findings.map((f) => `${f.code} ${f.cell}`)).toEqual(
              local.findings.map((f) => `${f.code} ${f.cell}`),
            );
            return void reached.add("engine");
          }
          // A clean roll may still clash with another branch's, or spend a branch's checks of the day.
          if (kind!.id === "members" && answer.status !== 201 && answer.status !== 200) {
            expect(["duplicate-key", "too-many-rolls"]).toContain(refusalOf(answer).code);
            return;
          }
          expect([answer.body.slice(0, 300), answer.status]).toEqual([
            answer.body.slice(0, 300),
            expect.toSatisfy((s: number) => s === 200 || s === 201),
          ]);
          const receipt = ReceiptSchema.parse(answer.json);
          expect(receipt).toMatchObject({
            kind: kind!.id,
            period: body.period,
            scope: expected.scope ?? "office",
            rows: local.records.length,
            outcome: answer.status === 201 ? "created" : "unchanged",
            current: true,
          });
          if (kind!.id !== "fieldwork") expect(receipt.warnings).toBe(local.warnings);
          reached.add("stored");
        },
      ),
      { numRuns: 150 },
    );
    // Refused by the schema, by the request's own fields, by the engine, and stored: each was tried.
    expect([...reached].sort()).toEqual(["engine", "request", "schema", "stored"]);
  });
});
