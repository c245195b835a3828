import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BRANCH1, call, count, problemsSheet, seedUsers, problemsSubmission } from "./helpers";

beforeAll(seedUsers);

describe("a 10,000-row submission", () => {
  it("is accepted from the office within D1's limits, stored in one transaction and read back whole", async () => {
    const sheet = problemsSheet(10_000);
    // 100,000 cells: more than a branch may send (SUBMISSION_LIMITS), a township-wide ledger the office may.
    const res = await call(
      "office",
      "POST",
      "/api/submissions",
      problemsSubmission(sheet, { branch: BRANCH1 }),
    );
    expect(res.status).toBe(201);
    expect(res.body.rows).toBe(10_000);
    expect(await count("records", `submission_id = '${res.body.id}'`)).toBe(10_000);
    const parts = await env.DB.prepare(
      "SELECT COUNT(*) AS n, MAX(LENGTH(CAST(body AS BLOB))) AS bytes FROM submission_sheets WHERE submission_id = ?",
    )
      .bind(res.body.id)
      .first<{ n: number; bytes: number }>();
    expect(parts?.n).toBeGreaterThan(1);
    expect(parts?.bytes).toBeLessThan(1_500_000);
    const detail = await call("branch1", "GET", `/api/submissions/${res.body.id}?raw=1`);
    expect(detail.status).toBe(200);
    expect(detail.body.records).toHaveLength(10_000);
    expect(detail.body.records[9_999].values["编号"]).toBe("MQ-10000");
    expect(detail.body.sheet.values).toEqual(sheet.values);
    const records = await call("office", "GET", "/api/records/problems?year=2025");
    expect(records.body.rows).toHaveLength(10_000);
  });
});

describe("the pane's files", () => {
  it("are served by the assets binding with headers that let Office frame them", async () => {
    const res = await call("none", "GET", "/taskpane.html");
    expect(res.headers.get("X-Frame-Options")).toBeNull();
    expect(res.headers.get("Content-Security-Policy")).toContain(
      "frame-ancestors 'self' https://*.officeapps.live.com https://*.office.com",
    );
  });
});
