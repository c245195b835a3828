/**
 * Properties over the API's zod schemas (shared/api.ts) through HTTP: arbitrary JSON bodies, and
 * arbitrary bodies shaped like a submission, never give a 500, and the schemas never throw.
 */
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ReturnRequestSchema,
  SubmissionRequestSchema,
  TokenCreateSchema,
  UserCreateSchema,
} from "../../../shared/api";
import { KINDS } from "../../../shared/kinds";
import { RegistrySchema } from "../../../shared/registry";
import { TOKENS, call, problemsSheet, seedUsers, problemsSubmission } from "../helpers";

let submissionId = "";
beforeAll(async () => {
  await seedUsers();
  submissionId = (await call("branch1", "POST", "/api/submissions", problemsSubmission(problemsSheet(1))))
    .body.id;
});

const ALLOWED = new Set([200, 201, 400, 403, 404, 409, 413, 422]);

async function post(method: string, path: string, text: string, token: string = TOKENS.admin) {
  const res = await SELF.fetch(`https://ledgerline.test${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: text,
  });
  const body = await res.text();
  return { status: res.status, body };
}

const ROUTES = [
  {
    route: "POST /api/submissions",
    method: "POST",
    path: () => "/api/submissions",
    schema: SubmissionRequestSchema,
  },
  { route: "PUT /api/registry", method: "PUT", path: () => "/api/registry", schema: RegistrySchema },
  { route: "POST /api/users", method: "POST", path: () => "/api/users", schema: UserCreateSchema },
  { route: "POST /api/tokens", method: "POST", path: () => "/api/tokens", schema: TokenCreateSchema },
  {
    route: "POST /api/submissions/:id/return",
    method: "POST",
    path: () => `/api/submissions/${submissionId}/return`,
    schema: ReturnRequestSchema,
  },
];

describe("arbitrary JSON bodies", () => {
  it.each(ROUTES)(
    "$route: the schema never throws and the Worker never answers 500",
    async ({ method, path, schema }) => {
      await fc.assert(
        fc.asyncProperty(
          fc.jsonValue({ maxDepth: 4 }),
          fc.constantFrom("admin", "office", "branch1", "branch2"),
          async (value, who) => {
            expect(() => schema.safeParse(value)).not.toThrow();
            const res = await post(method, path(), JSON.stringify(value), TOKENS[who as keyof typeof TOKENS]);
            expect([res.status, res.body]).toEqual([
              expect.toSatisfy((s: number) => ALLOWED.has(s)),
              res.body,
            ]);
            expect(res.status).not.toBe(500);
          },
        ),
        { numRuns: 60 },
      );
    },
  );

  it("arbitrary strings as bodies never give a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 200 }), async (text) => {
        const res = await post("POST", "/api/submissions", text);
        expect(res.status).toBe(400);
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
    "已解决",
    "=1+1",
    "'; DROP TABLE records; --",
    "140932198001010011",
  ),
);

describe("arbitrary submissions", () => {
  it("bodies shaped like a submission, with arbitrary cells, merges and kinds, never give a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          kind: fc.oneof(fc.constantFrom(...KINDS.map((k) => k.id)), fc.string({ maxLength: 10 })),
          period: fc.constantFrom("2025", "2025-09", "1999", "2025-13", "x"),
          branch: fc.option(fc.constantFrom("老牛湾", "乾坤湾村党支部", "不存在", ""), { nil: undefined }),
          sheetName: fc.string({ minLength: 1, maxLength: 30 }),
          sheet: fc.record({
            values: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 25 }),
            merges: fc.array(
              fc.constantFrom(
                "A1:M1",
                "A3:A7",
                "A1:XFD1048576",
                "B2",
                "ZZZ1:A1",
                "A0:B1",
                "XFD1048576:XFD1048576",
              ),
              { maxLength: 5 },
            ),
            date1904: fc.boolean(),
          }),
          idempotencyKey: fc.string({ minLength: 8, maxLength: 40 }),
        }),
        fc.constantFrom("admin", "office", "branch1", "branch2"),
        async (body, who) => {
          const clean = JSON.parse(JSON.stringify(body));
          expect(() => SubmissionRequestSchema.safeParse(clean)).not.toThrow();
          // A header row of the kind's own columns makes some bodies reach the engine and D1.
          const kind = KINDS.find((k) => k.id === body.kind);
          if (kind && clean.sheet.values.length) clean.sheet.values.unshift(kind.columns.map((c) => c.name));
          const res = await post(
            "POST",
            "/api/submissions",
            JSON.stringify(clean),
            TOKENS[who as keyof typeof TOKENS],
          );
          expect([res.status, res.body.slice(0, 300)]).toEqual([
            expect.toSatisfy((s: number) => ALLOWED.has(s)),
            res.body.slice(0, 300),
          ]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
