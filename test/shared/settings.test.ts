/** Registry revision 2 (interfaces spec): optional settings, their defaults, and the rules they change. */
import { describe, expect, it } from "vitest";
import { DEFAULT_REGISTRY, RegistrySchema, type Registry } from "../../shared/registry";
import { DEFAULT_SETTINGS, meetingRules, OFFICE_MEETING_DEFAULTS } from "../../shared/settings";
import type { CellValue } from "../../shared/workbook";
import { run, sheet } from "./helpers";
import { paramText } from "../../shared/messages/engine";

const OLD_REGISTRY = {
  township: { name: "老牛湾镇", county: "偏关县", code: "140932105" },
  branches: [{ name: "老牛湾村党支部", village: "老牛湾村", aliases: ["老牛湾", "老牛湾村支部"] }],
  staff: [{ name: "王建国", role: "主任" }],
  exemptPeriods: ["2025-W40"],
  dueDay: 5,
};

describe("the registry schema", () => {
  it("keeps an old registry valid and takes revision 2's optional fields", () => {
    expect(RegistrySchema.safeParse(OLD_REGISTRY).success).toBe(true);
    const next = RegistrySchema.safeParse({
      ...OLD_REGISTRY,
      branches: [
        { ...OLD_REGISTRY.branches[0], hasPartyGroups: false, hasCommittee: true, secretary: "张三" },
      ],
      staff: [{ name: "刘海燕", role: "副主任" }],
      settings: {
        cadence: { 党课: "quarter", 周小结: "off" },
        visitDaysPerWeek: 2,
        excellentShare: 0.2,
        openDaysLimit: 30,
      },
    });
    expect(next.success).toBe(true);
  });

  it("takes exempt periods of every grain and refuses one that is no period (a 13th month, a 54th week)", () => {
    const ok = RegistrySchema.safeParse({
      ...OLD_REGISTRY,
      exemptPeriods: ["2025-W40", "2025-10", "2025-Q4", "2025"],
    });
    expect(ok.success).toBe(true);
    for (const period of ["2025-13", "2025-W54", "2025-Q5", "25"]) {
      expect([
        period,
        RegistrySchema.safeParse({ ...OLD_REGISTRY, exemptPeriods: [period] }).success,
      ]).toEqual([period, false]);
    }
  });

  it("refuses a cadence for an unknown meeting type, a frequency it does not know, and thresholds out of range", () => {
    for (const settings of [
      { cadence: { 党员会: "month" } },
      { cadence: { 党课: "fortnight" } },
      { visitDaysPerWeek: 8 },
      { excellentShare: 0 },
      { openDaysLimit: 0 },
      { unknown: 1 },
    ]) {
      expect([settings, RegistrySchema.safeParse({ ...OLD_REGISTRY, settings }).success]).toEqual([
        settings,
        false,
      ]);
    }
  });

  it("gives the regulations' defaults when nothing is set, and cites a changed frequency", () => {
    expect(DEFAULT_SETTINGS).toEqual({
      visitDaysPerWeek: 2,
      excellentShare: 0.2,
      openDaysLimit: 30,
      dueDay: 5,
    });
    expect(meetingRules(DEFAULT_REGISTRY, OFFICE_MEETING_DEFAULTS).map((m) => [m.type, m.every])).toEqual([
      ["周小结", "week"],
      ["月例会", "month"],
      ["季总结", "quarter"],
      ["年盘点", "year"],
    ]);
    const changed = meetingRules(
      { ...DEFAULT_REGISTRY, settings: { cadence: { 周小结: "off" } } },
      OFFICE_MEETING_DEFAULTS,
    );
    expect([changed[0].type, changed[0].every, paramText(changed[0].basis, "zh-CN")]).toEqual([
      "周小结",
      "off",
      "本镇设置 settings.cadence.周小结 = off",
    ]);
    expect(paramText(changed[0].basis, "en")).toBe("township setting settings.cadence.周小结 = off");
  });
});

describe("settings in the rules", () => {
  const registry = (settings: Registry["settings"]): Registry => ({ ...DEFAULT_REGISTRY, settings });

  it("judges 到村 days against visitDaysPerWeek and says the setting applied", () => {
    const rows: CellValue[][] = ["2025-09-01", "2025-09-03"].map((d) => [
      d,
      "张三",
      "老牛湾",
      "走访群众",
      "走访",
    ]);
    const input = sheet("到村工作日志", [
      ["2025年9月到村工作日志"],
      ["日期", "工作人员", "村", "工作方式", "工作内容"],
      ...rows,
    ]);
    expect(run(input, "2025-09-08")[0].findings).toEqual([]);
    const [r] = run(input, "2025-09-08", registry({ visitDaysPerWeek: 3 }));
    expect(r.findings.map((f) => [f.code, f.period, f.message])).toEqual([
      [
        "visit-days",
        "2025-W36",
        "张三 2025 年第 36 周 到村工作 2 天，少于每周 3 天的要求（按本镇设置 visitDaysPerWeek = 3）。",
      ],
    ]);
  });

  it("counts overdue problems against openDaysLimit", () => {
    const input = sheet("民情问题台账", [
      ["编号", "收集日期", "村", "问题类别", "问题描述", "办理状态"],
      ["MQ-1", "2025-08-01", "老牛湾村", "饮水", "水管冻裂", "办理中"],
      ["MQ-2", "2025-09-15", "老牛湾村", "饮水", "水压低", "待办"],
    ]);
    expect(run(input, "2025-10-01")[0].summary).toMatchObject({ openOver30Days: 1 });
    expect(run(input, "2025-10-01", registry({ openDaysLimit: 10 }))[0].summary).toMatchObject({
      openOver30Days: 2,
    });
  });

  it("switches a meeting type off with cadence off: no finding and no share", () => {
    const input = sheet("工作例会台账", [
      ["日期", "会议类型", "参会人数"],
      ["2025-09-05", "月例会", 8],
    ]);
    const [off] = run(input, "2025-10-01", registry({ cadence: { 周小结: "off", 季总结: "off" } }));
    expect(off.findings).toEqual([]);
    expect(off.summary).toEqual({
      byType: { 周小结: 0, 月例会: 1, 季总结: 0, 年盘点: 0 },
      cadence: { 月例会: 1, 年盘点: null },
    });
  });
});
