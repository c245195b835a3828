import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const HEADER = ["支部", "日期", "会议类型", "应到人数", "实到人数", "主题", "主持人", "列席指导"];

/** A full quarter of 三会一课 for one branch: monthly 支委会/党小组会/主题党日, quarterly 党员大会/党课. */
function quarter(branch: string, months: readonly string[]): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const m of months) {
    rows.push([branch, `${m}-05`, "支委会", 5, 5, "研究工作", "书记", ""]);
    rows.push([branch, `${m}-10`, "党小组会", 12, 10, "学习", "组长", ""]);
    rows.push([branch, `${m}-15`, "主题党日", 30, 24, "志愿服务", "书记", ""]);
  }
  const last = months[months.length - 1];
  rows.push([branch, `${last}-20`, "党员大会", 30, 20, "讨论发展党员", "书记", "张三"]);
  rows.push([branch, `${last}-20`, "党课", 30, 20, "学习条例", "书记", "张三、李四"]);
  return rows;
}
const Q3 = ["2025-07", "2025-08", "2025-09"];

function validate(rows: CellValue[][], asOf = "2025-10-01") {
  const [result] = run(
    sheet("三会一课台账", [["老牛湾村党支部三会一课台账（2025年）"], HEADER, ...rows]),
    asOf,
  );
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

describe("branch-meetings kind (三会一课台账)", () => {
  it("accepts a complete quarter with no findings and computes the summary", () => {
    const r = validate(quarter("老牛湾", Q3));
    expect(r.kind).toBe("branch-meetings");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      meetings: 11,
      attendanceRate: 0.7811, // (3×(5+10+24) + 20 + 20) / (3×(5+12+30) + 30 + 30) = 157 / 201
      cadence: {
        老牛湾村党支部: {
          支部党员大会: 1,
          支部委员会: 1,
          党小组会: 1,
          党课: 1,
          主题党日: 1,
          组织生活会: null,
          民主评议党员: null,
        },
      },
      contactAttendance: { 张三: 2, 李四: 1 },
    });
  });

  it("flags 实到 above 应到 on the 实到人数 cell", () => {
    const rows = quarter("老牛湾", Q3);
    rows[0] = ["老牛湾", "2025-07-05", "支部委员会", 5, 6, "研究工作", "书记", ""];
    const r = validate(rows);
    expect(brief(r)).toEqual(["inconsistent E3 error"]);
    expect(r.findings[0].message).toBe("实到人数 6 多于应到人数 5，实到人数不能多于应到人数。");
  });

  it("warns when a 支部党员大会 has not more than half of 应到 present, and not at one more", () => {
    const rows = quarter("老牛湾", Q3);
    rows.push(["老牛湾", "2025-09-25", "支部党员大会", 10, 5, "选举", "书记", ""]);
    rows.push(["老牛湾", "2025-09-26", "支部党员大会", 10, 6, "选举", "书记", ""]);
    rows.push(["老牛湾", "2025-09-27", "支部委员会", 10, 5, "研究", "书记", ""]);
    const r = validate(rows);
    expect(brief(r)).toEqual(["quorum E14 warning"]);
    expect(r.findings[0].message).toContain("支部党员大会实到 5 人，没有超过应到 10 人的半数");
  });

  it("flags a month without 支部委员会 per branch, naming the canonical type and the 条例", () => {
    const rows = quarter("老牛湾", Q3).filter((row) => !(row[1] === "2025-08-05"));
    const r = validate([...rows, ...quarter("乾坤湾村党支部", Q3).filter((row) => row[2] !== "党课")]);
    expect(r.findings.map((f) => `${f.code} ${f.subject} ${f.period} ${f.severity} ${f.cell}`)).toEqual([
      "cadence-gap 老牛湾村党支部 2025-08 warning null",
      "cadence-gap 乾坤湾村党支部 2025-Q3 warning null",
    ]);
    expect(r.findings[0].message).toBe(
      "老牛湾村党支部 2025-08 没有召开支部委员会（每月至少一次，《中国共产党支部工作条例（试行）》第十二条）。",
    );
    expect(r.findings[1].message).toBe(
      "乾坤湾村党支部 2025 年第 3 季度 没有上党课（每季度至少一次，本地三会一课制度）。",
    );
    expect(r.summary).toMatchObject({
      cadence: { 老牛湾村党支部: { 支部委员会: 0.6667 }, 乾坤湾村党支部: { 党课: 0 } },
    });
  });

  it("checks the yearly meetings once the ledger's year is complete", () => {
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);
    const rows = [0, 1, 2, 3].flatMap((q) => quarter("老牛湾", months.slice(q * 3, q * 3 + 3)));
    rows.push(["老牛湾", "2025-12-28", "组织生活会", 30, 28, "对照检查", "书记", ""]);
    const r = validate(rows, "2026-01-10");
    expect(r.findings.map((f) => `${f.code} ${f.subject} ${f.period}`)).toEqual([
      "cadence-gap 老牛湾村党支部 2025",
    ]);
    expect(r.findings[0].message).toBe(
      "老牛湾村党支部 2025 年 没有开展民主评议党员（每年至少一次，《中国共产党支部工作条例（试行）》第十八条）。",
    );
  });
});
