import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const ASOF = "2025-10-01";
const HEADER = ["日期", "队伍", "地点", "服务类型", "参与党员人数", "服务时长（小时）", "服务内容"];

function validate(rows: CellValue[][]) {
  const [result] = run(sheet("志愿服务台账", [HEADER, ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

describe("volunteers kind", () => {
  it("accepts a clean sheet and sums person-times and person-hours", () => {
    const r = validate([
      ["2025-09-01", "老牛湾村党员志愿服务队", "村委会", "政策宣传", 3, 2, "宣讲惠农政策"],
      ["2025-09-10", "老牛湾村党员志愿服务队", "景区路口", "人车疏导", "5人", 1.5, ""],
      ["2025-09-15", "乾坤湾村防汛队", "河道", "防汛", 4, "2.5小时", "巡查河道"],
    ]);
    expect(r.kind).toBe("volunteers");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({
      activities: 3,
      personTimes: 12,
      personHours: 23.5,
      byType: { 政策宣传: 1, 人车疏导: 1, 防汛: 1 },
    });
  });

  it("flags 参与党员人数 below 1 and 服务时长 of 0 or above 24 hours", () => {
    const r = validate([
      ["2025-09-01", "服务队", "村委会", "其他", 0, 2, ""],
      ["2025-09-02", "服务队", "村委会", "其他", 2, 0, ""],
      ["2025-09-03", "服务队", "村委会", "其他", 2, 25, ""],
    ]);
    expect(brief(r)).toEqual(["range E2 error", "range F3 error", "range F4 error"]);
    expect(r.summary).toMatchObject({ activities: 3, personTimes: 4, personHours: 0 });
  });
});
