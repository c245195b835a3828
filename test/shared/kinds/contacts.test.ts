import { describe, expect, it } from "vitest";
import type { CellValue } from "../../../shared/workbook";
import { DEFAULT_REGISTRY, type Registry } from "../../../shared/registry";
import { run, sheet } from "../helpers";

const ASOF = "2025-10-01";
const REGISTRY: Registry = {
  ...DEFAULT_REGISTRY,
  staff: [{ name: "张三" }, { name: "李四" }, { name: "王五" }],
};
const HEADER = ["工作人员", "联系支部", "开始日期"];
const CLEAN: CellValue[][] = [
  ["张三", "老牛湾", "2025-01-02"],
  ["张三", "乾坤湾村", "2025-01-02"],
  ["李四", "柏林峁村党支部", ""],
  ["李四", "麦虎村", ""],
  ["王五", "滑石村", ""],
  ["王五", "阳洼子村支部", ""],
];

function validate(rows: CellValue[][], registry: Registry = REGISTRY) {
  const [result] = run(sheet("支部联系点", [HEADER, ...rows]), ASOF, registry);
  return result;
}
const brief = (r: ReturnType<typeof validate>) => r.findings.map((f) => `${f.code} ${f.cell} ${f.severity}`);

describe("contacts kind (支部联系点)", () => {
  it("accepts a clean sheet with no findings and computes the summary", () => {
    const r = validate(CLEAN);
    expect(r.kind).toBe("contacts");
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ branchesCovered: 6, branchesTotal: 6, staffLinked: 3, staffTotal: 3 });
  });

  it("flags a repeated (工作人员, 联系支部) pair on the 联系支部 cell, whatever alias names the branch", () => {
    const r = validate([...CLEAN, ["张三", "老牛湾村党支部", ""]]);
    expect(brief(r)).toEqual(["duplicate-key B8 error"]);
    expect(r.findings[0].message).toBe(
      "工作人员“张三”、联系支部“老牛湾村党支部”与第 2 行重复，同一工作人员和联系支部只能登记一次。",
    );
  });

  it("flags a branch with no contact (cell null, subject = the branch)", () => {
    const r = validate(CLEAN.filter((row) => row[1] !== "阳洼子村支部"));
    // A true fact the office must act on, so a warning: the sheet stays submittable (spec §2).
    expect(brief(r)).toEqual(["coverage-gap null warning"]);
    expect(r.findings[0]).toMatchObject({ subject: "阳洼子村党支部", row: null, column: null });
    expect(r.findings[0].message).toContain("阳洼子村党支部没有联系的党建办工作人员");
    expect(r.summary).toEqual({ branchesCovered: 5, branchesTotal: 6, staffLinked: 3, staffTotal: 3 });
  });

  it("flags a staff member with no branch (cell null, subject = the person)", () => {
    const r = validate([
      ...CLEAN.filter((row) => row[0] !== "王五"),
      ["张三", "滑石", ""],
      ["李四", "阳洼子", ""],
    ]);
    expect(brief(r)).toEqual(["coverage-gap null warning"]);
    expect(r.findings[0]).toMatchObject({ subject: "王五" });
    expect(r.findings[0].message).toContain("王五没有联系的村党支部");
    expect(r.summary).toEqual({ branchesCovered: 6, branchesTotal: 6, staffLinked: 2, staffTotal: 3 });
  });

  it("takes the staff list from the workbook's 人员岗位表 when the registry has none", () => {
    const staffSheet = sheet("人员岗位表", [
      ["姓名", "职务", "岗位"],
      ["张三", "主任", "统筹"],
      ["李四", "常务副主任", "组织"],
      ["赵六", "专职", "党员管理"],
    ]);
    const contacts = sheet("支部联系点", [
      HEADER,
      ...CLEAN.filter((row) => row[0] !== "王五"),
      ["张三", "滑石", ""],
      ["李四", "阳洼子", ""],
    ]);
    const [, r] = run({ sheets: [staffSheet, contacts], date1904: false }, ASOF, DEFAULT_REGISTRY);
    expect(r.findings.map((f) => `${f.code} ${f.subject ?? f.cell}`)).toEqual(["coverage-gap 赵六"]);
  });

  it("skips staff coverage when no staff list is known", () => {
    const r = validate(CLEAN, DEFAULT_REGISTRY);
    expect(r.findings).toEqual([]);
    expect(r.summary).toEqual({ branchesCovered: 6, branchesTotal: 6, staffLinked: 3, staffTotal: 3 });
  });
});
