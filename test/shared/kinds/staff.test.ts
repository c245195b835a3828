import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { run, sheet } from "../helpers";

const ASOF = "2025-10-01";
const HEADER = ["姓名", "职务", "本职职务", "来源", "岗位", "职责数", "联系电话"];
const CLEAN: CellValue[][] = [
  ["张三", "主任", "党委副书记", "其他", "统筹协调", 8, "13800138000"],
  ["李　四", "常务副主任", "组织委员", "老乡镇", "组织建设", "10", ""],
  ["王五", "专职", "", "选调生", "党员管理", 7, ""],
  ["赵六", "兼职工作人员", "", "党务工作者", "党员管理", 6, ""],
];

function validate(rows: CellValue[][]) {
  const [result] = run(sheet("人员岗位表", [["老牛湾镇党建办人员岗位表（2025年）"], HEADER, ...rows]), ASOF);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

describe("staff kind (人员岗位表)", () => {
  it("accepts a clean sheet with no findings and computes the summary", () => {
    const r = validate(CLEAN);
    expect(r.kind).toBe("staff");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ staffCount: 4, fullTime: 1, partTime: 1, posts: 3, duties: 31 });
  });

  it("flags a second 主任 on that row's 职务 cell", () => {
    const r = validate([...CLEAN, ["孙七", "主任", "", "", "宣传", 3, ""]]);
    expect(brief(r)).toEqual(["inconsistent B7 error"]);
    expect(r.findings[0].column).toBe("职务");
    expect(r.findings[0].message).toBe("本行职务登记为主任，但第 3 行（张三）已登记为主任，主任只能有一名。");
  });

  it("warns once, with no cell, about a vacant 常务副主任: a fact to act on, not a mistake (spec §2)", () => {
    const r = validate(CLEAN.filter((row) => row[1] !== "常务副主任"));
    expect(brief(r)).toEqual(["inconsistent null warning"]);
    expect(r.findings[0]).toMatchObject({ row: null, column: null });
    expect(r.findings[0].message).toContain("没有登记常务副主任");
  });

  it("flags a repeated 姓名 as duplicate-key", () => {
    const r = validate([...CLEAN, ["张 三", "专职工作人员", "", "", "宣传", 3, ""]]);
    expect(brief(r)).toEqual(["duplicate-key A7 error"]);
    expect(r.findings[0].message).toContain("第 3 行");
  });
});
