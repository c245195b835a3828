/**
 * 到村工作日志 weeks that straddle two months (ledgers spec §2): judged by the Worker, which holds
 * every month, across the two months' current submissions. A file of its own, so no 人员岗位表
 * is on file and only the sheet's own staff are judged.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call, newKey, seedUsers } from "./helpers";

beforeAll(async () => {
  await seedUsers();
});

describe("到村工作日志 weeks that straddle two months", () => {
  const header = ["日期", "工作人员", "村", "工作方式", "工作内容"];
  const sheet = (title: string, dates: string[]) => ({
    values: [[title], header, ...dates.map((d) => [d, "王建国", "老牛湾村", "走访群众", "走访"])],
    merges: [],
    date1904: false,
  });

  it("are judged when the second of the two months arrives, on both months' rows", async () => {
    // W31 (Jul 28 – Aug 3) straddles July and August; each month's sheet judges only its own weeks.
    const july = await call("office", "POST", "/api/submissions", {
      kind: "fieldwork",
      period: "2025-07",
      sheetName: "到村工作日志",
      sheet: sheet("2025年7月到村工作日志", [
        "2025-07-07",
        "2025-07-08",
        "2025-07-14",
        "2025-07-15",
        "2025-07-21",
        "2025-07-22",
        "2025-07-29",
      ]),
      idempotencyKey: newKey(),
    });
    expect(july.status).toBe(201);
    expect(july.body.findings).toEqual([]);
    const august = await call("office", "POST", "/api/submissions", {
      kind: "fieldwork",
      period: "2025-08",
      sheetName: "到村工作日志",
      sheet: sheet("2025年8月到村工作日志", [
        "2025-08-04",
        "2025-08-05",
        "2025-08-11",
        "2025-08-12",
        "2025-08-18",
        "2025-08-19",
        "2025-08-25",
        "2025-08-26",
      ]),
      idempotencyKey: newKey(),
    });
    expect(august.status).toBe(201);
    // W31 has one day (Jul 29): judged now that July and August are both held.
    expect(
      august.body.findings.map((f: { code: string; period: string; subject: string }) => [
        f.code,
        f.period,
        f.subject,
      ]),
    ).toEqual([["visit-days", "2025-W31", "王建国"]]);
    expect(august.body.warnings).toBe(1);
  });

  it("are judged again across the stored months when the year is re-judged", async () => {
    const dry = await call("admin", "POST", "/api/registry/rejudge", { year: "2025" });
    expect(dry.status).toBe(200);
    // July was stored before August was held; judged again, its share of W31 is judged across both.
    const conclusions = dry.body.changed.map((c: { period: string; before: unknown; after: unknown }) => [
      c.period,
      c.before,
      c.after,
    ]);
    expect([dry.body.judged, conclusions]).toEqual([
      2,
      [
        [
          "2025-07",
          { errors: 0, warnings: 0, counts: {} },
          { errors: 0, warnings: 1, counts: { "visit-days": 1 } },
        ],
      ],
    ]);
  });
});
