import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REGISTRY } from "../../shared/registry";
import { BRANCH1, BRANCH2, call, newKey, problemsSheet, seedUsers, type Who } from "./helpers";

const ids: Record<"own" | "other", string> = { own: "", other: "" };
let tokenTarget = "";

beforeAll(async () => {
  await seedUsers();
  const own = await call("branch1", "POST", "/api/submissions", body(problemsSheet(1)));
  const other = await call("branch2", "POST", "/api/submissions", body(problemsSheet(1, "乾坤湾村")));
  ids.own = own.body.id;
  ids.other = other.body.id;
  const user = await call("admin", "POST", "/api/users", { name: "临时用户", role: "office" });
  tokenTarget = user.body.id;
});

function body(sheet: ReturnType<typeof problemsSheet>, extra: Record<string, unknown> = {}) {
  return {
    kind: "problems",
    period: "2025",
    sheetName: "民情问题台账",
    sheet,
    idempotencyKey: newKey(),
    ...extra,
  };
}

/** A 人员岗位表; `post` varies it, so each role's attempt is a new sheet, not an unchanged one. */
const staffSheet = (post: string) => ({
  values: [
    ["姓名", "职务", "岗位"],
    ["张三", "主任", `统筹${post}`],
    ["李四", "常务副主任", "组织"],
  ],
  merges: [],
  date1904: false,
});

/** The id of a branch's current 民情问题台账 2025. */
async function currentOf(scope: string): Promise<string> {
  const row = await env.DB.prepare(
    "SELECT id FROM submissions WHERE scope = ? AND kind = 'problems' AND period = '2025' AND current = 1",
  )
    .bind(scope)
    .first<{ id: string }>();
  return row?.id ?? "";
}

type Case = { route: string; run: (who: Who) => Promise<{ status: number }>; expect: Record<Who, number> };

// The full matrix: each route × role (own or other branch where it matters) → status.
const cases: Case[] = [
  {
    route: "GET /api/health",
    run: (w) => call(w, "GET", "/api/health"),
    expect: { none: 200, admin: 200, office: 200, branch1: 200, branch2: 200 },
  },
  {
    route: "GET /api/me",
    run: (w) => call(w, "GET", "/api/me"),
    expect: { none: 401, admin: 200, office: 200, branch1: 200, branch2: 200 },
  },
  {
    route: "GET /api/registry",
    run: (w) => call(w, "GET", "/api/registry"),
    expect: { none: 401, admin: 200, office: 200, branch1: 200, branch2: 200 },
  },
  {
    route: "PUT /api/registry",
    run: (w) => call(w, "PUT", "/api/registry", DEFAULT_REGISTRY),
    expect: { none: 401, admin: 200, office: 403, branch1: 403, branch2: 403 },
  },
  {
    route: "POST /api/users",
    run: (w) => call(w, "POST", "/api/users", { name: "新人", role: "office" }),
    expect: { none: 401, admin: 201, office: 403, branch1: 403, branch2: 403 },
  },
  {
    route: "POST /api/tokens",
    run: (w) => call(w, "POST", "/api/tokens", { userId: tokenTarget }),
    expect: { none: 401, admin: 201, office: 403, branch1: 403, branch2: 403 },
  },
  {
    route: "DELETE /api/tokens/:id",
    run: (w) => call(w, "DELETE", "/api/tokens/t-office-never"),
    expect: { none: 401, admin: 404, office: 403, branch1: 403, branch2: 403 },
  },
  {
    route: "POST /api/submissions for 老牛湾 (branch1's own)",
    run: (w) =>
      call(w, "POST", "/api/submissions", body(problemsSheet(1, "老牛湾村", `MQ${w}`), { branch: BRANCH1 })),
    expect: { none: 401, admin: 201, office: 201, branch1: 201, branch2: 403 },
  },
  {
    route: "POST /api/submissions of an office kind (人员岗位表)",
    run: (w) =>
      call(w, "POST", "/api/submissions", {
        ...body(problemsSheet(1)),
        kind: "staff",
        sheetName: "人员岗位表",
        sheet: staffSheet(w),
      }),
    expect: { none: 401, admin: 201, office: 201, branch1: 403, branch2: 403 },
  },
  {
    route: "GET /api/submissions?branch=老牛湾",
    run: (w) => call(w, "GET", `/api/submissions?branch=${encodeURIComponent(BRANCH1)}`),
    expect: { none: 401, admin: 200, office: 200, branch1: 200, branch2: 403 },
  },
  {
    route: "GET /api/submissions/:id (branch1's)",
    run: (w) => call(w, "GET", `/api/submissions/${ids.own}`),
    expect: { none: 401, admin: 200, office: 200, branch1: 200, branch2: 403 },
  },
  {
    route: "GET /api/submissions/:id (branch2's)",
    run: (w) => call(w, "GET", `/api/submissions/${ids.other}`),
    expect: { none: 401, admin: 200, office: 200, branch1: 403, branch2: 200 },
  },
  {
    route: "POST /api/submissions/:id/return",
    // 退回 applies to the current version, which the POST cases above have moved on.
    run: async (w) =>
      call(w, "POST", `/api/submissions/${await currentOf(BRANCH1)}/return`, { comment: "请补充解决日期" }),
    expect: { none: 401, admin: 200, office: 200, branch1: 403, branch2: 403 },
  },
  {
    route: "GET /api/status",
    run: (w) => call(w, "GET", "/api/status?year=2025"),
    expect: { none: 401, admin: 200, office: 200, branch1: 200, branch2: 200 },
  },
  {
    route: "GET /api/records/:kind",
    run: (w) => call(w, "GET", "/api/records/problems?year=2025"),
    expect: { none: 401, admin: 200, office: 200, branch1: 403, branch2: 403 },
  },
  {
    route: "GET /api/summary",
    run: (w) => call(w, "GET", "/api/summary?year=2025"),
    expect: { none: 401, admin: 200, office: 200, branch1: 403, branch2: 403 },
  },
  {
    route: "GET /api/audit",
    run: (w) => call(w, "GET", "/api/audit"),
    expect: { none: 401, admin: 200, office: 403, branch1: 403, branch2: 403 },
  },
];

describe("access: role × route × own/other branch", () => {
  for (const c of cases) {
    it(`${c.route}`, async () => {
      const got: Record<string, number> = {};
      for (const who of Object.keys(c.expect) as Who[]) got[who] = (await c.run(who)).status;
      expect(got).toEqual(c.expect);
    });
  }

  it("records an office submission for a branch as on its behalf", async () => {
    const res = await call(
      "office",
      "POST",
      "/api/submissions",
      body(problemsSheet(1, "乾坤湾村", "OFFICE"), { branch: "乾坤湾村" }),
    );
    expect(res.body).toMatchObject({ scope: BRANCH2, onBehalf: true });
  });

  it("lists only the branch's own submissions for a branch user", async () => {
    const res = await call("branch2", "GET", "/api/submissions");
    expect(res.body.submissions.length).toBeGreaterThan(0);
    expect(new Set(res.body.submissions.map((s: { scope: string }) => s.scope))).toEqual(new Set([BRANCH2]));
  });
});
