/**
 * Registry revision 2's refusals (issue 13): each problem on the field that is wrong, in Chinese,
 * whatever zod's global locale.
 */
import { describe, expect, it } from "vitest";
import { checkRegistry, DEFAULT_REGISTRY, type Registry } from "../../shared/registry";
import { registryChanges } from "../../shared/registry-diff";
import { FLOOD_DUTY, FLOOD_REGISTRY } from "../fixtures/township";

/** The issues of a document, as [path, place, message]. */
function issues(doc: unknown) {
  const result = checkRegistry(doc);
  return result.ok ? [] : result.issues.map((i) => [i.path.join("."), i.place, i.message]);
}

const withLedger = (changes: Partial<typeof FLOOD_DUTY>) => ({
  ...FLOOD_REGISTRY,
  ledgers: [{ ...FLOOD_DUTY, ...changes }],
});

describe("the registry's refusals", () => {
  it("takes the embedded default and a registry with a township ledger", () => {
    expect(checkRegistry(DEFAULT_REGISTRY)).toEqual({ ok: true, registry: DEFAULT_REGISTRY });
    expect(checkRegistry(FLOOD_REGISTRY).ok).toBe(true);
  });

  it("refuses two branches of one name, on the second one's field", () => {
    const doc = {
      ...DEFAULT_REGISTRY,
      branches: [
        ...DEFAULT_REGISTRY.branches,
        { name: "麦虎村党支部" },
        { name: "新村党支部", aliases: ["滑石"] },
      ],
    };
    expect(issues(doc)).toEqual([
      [
        "branches.6.name",
        "第 7 个支部“麦虎村党支部” · 名称",
        "“麦虎村党支部”与第 4 个支部“麦虎村党支部”重名，无法区分",
      ],
      [
        "branches.7.aliases.0",
        "第 8 个支部“新村党支部” · 别名第 1 项",
        "“滑石”与第 5 个支部“滑石村党支部”重名，无法区分",
      ],
    ]);
  });

  it("refuses a ledger reusing a built-in kind's id or title", () => {
    expect(issues(withLedger({ id: "problems", title: "民情问题台账" }))).toEqual([
      [
        "ledgers.0.id",
        "本镇台账第 1 种“民情问题台账” · 编号",
        "编号“problems”已是内置台账“民情问题台账”的编号，请换一个",
      ],
      [
        "ledgers.0.title",
        "本镇台账第 1 种“民情问题台账” · 名称",
        "名称“民情问题台账”已是内置台账“民情问题台账”的名称，请换一个",
      ],
    ]);
    // Another title a built-in kind's sheets carry counts too.
    expect(issues(withLedger({ titles: ["急难愁盼问题台账"] }))).toEqual([
      [
        "ledgers.0.titles.0",
        "本镇台账第 1 种“防汛值班台账” · 其他名称第 1 项",
        "名称“急难愁盼问题台账”已是内置台账“民情问题台账”的名称，请换一个",
      ],
    ]);
  });

  it("refuses an enum without values, values on a date, bounds on text and a bad column type", () => {
    const columns = [
      FLOOD_DUTY.columns[0],
      FLOOD_DUTY.columns[1],
      { name: "险情", type: "enum" },
      { name: "备注", type: "text", min: 1 },
      { name: "巡查日期", type: "date", values: ["一"] },
      { name: "水位", type: "float" },
      { name: "人数", type: "int", min: 5, max: 1 },
    ];
    expect(issues({ ...FLOOD_REGISTRY, ledgers: [{ ...FLOOD_DUTY, columns }] })).toEqual([
      [
        "ledgers.0.columns.2.values",
        "本镇台账第 1 种“防汛值班台账” · 第 3 列“险情” · 可选值",
        "可选值列表不能为空：请至少列出一个允许的值",
      ],
      [
        "ledgers.0.columns.3.min",
        "本镇台账第 1 种“防汛值班台账” · 第 4 列“备注” · 下限",
        "只有 int、num、money 类型的列可以设上下限",
      ],
      [
        "ledgers.0.columns.4.values",
        "本镇台账第 1 种“防汛值班台账” · 第 5 列“巡查日期” · 可选值",
        "只有 enum（单选）和 list（多选）类型的列可以列出可选值",
      ],
      [
        "ledgers.0.columns.5.type",
        "本镇台账第 1 种“防汛值班台账” · 第 6 列“水位” · 类型",
        "列类型应为 text、name、date、month、int、num、money、branch、staff、mobile、phone、id18、enum、list 之一",
      ],
      [
        "ledgers.0.columns.6.max",
        "本镇台账第 1 种“防汛值班台账” · 第 7 列“人数” · 上限",
        "上限 1 小于下限 5",
      ],
    ]);
  });

  it("refuses a repeated header, a value alias to no value, and a ledger nothing marks required", () => {
    const columns = [
      { name: "日期", type: "date" },
      { name: "值班人", aliases: ["日期"], type: "name" },
      { name: "险情", type: "enum", values: ["无", "一般"], valueAliases: { 特大: "较大" } },
    ];
    expect(issues({ ...FLOOD_REGISTRY, ledgers: [{ ...FLOOD_DUTY, columns }] })).toEqual([
      [
        "ledgers.0.columns.2.valueAliases.特大",
        "本镇台账第 1 种“防汛值班台账” · 第 3 列“险情” · 可选值的别名 · 特大",
        "“特大”指向的“较大”不在可选值中",
      ],
      [
        "ledgers.0.columns.1.name",
        "本镇台账第 1 种“防汛值班台账” · 第 2 列“值班人” · 名称",
        "列名或别名“日期”与第 1 列重复",
      ],
      [
        "ledgers.0.columns",
        "本镇台账第 1 种“防汛值班台账” · 列",
        "至少一列应为必填：必填列用来识别这种台账，也检查是否漏填",
      ],
    ]);
  });

  it("says zod's own refusals in Chinese too (a wrong type, an unknown key)", () => {
    const found = issues({ ...DEFAULT_REGISTRY, dueDay: "五号", extra: 1 }).sort();
    expect(found.map(([path, place]) => [path, place])).toEqual([
      ["", "登记信息"],
      ["dueDay", "报送截止日"],
    ]);
    for (const [, , message] of found) expect(message).toMatch(/[\u4e00-\u9fff]/u);
    expect(found[0][2]).toContain("extra");
  });
});

describe("a registry's changes in words", () => {
  it("lists added branches, changed flags, a new ledger and a changed column", () => {
    const before: Registry = FLOOD_REGISTRY;
    const after: Registry = {
      ...FLOOD_REGISTRY,
      branches: [
        { ...DEFAULT_REGISTRY.branches[0], hasPartyGroups: false },
        ...DEFAULT_REGISTRY.branches.slice(1),
        { name: "石城村党支部", village: "石城村" },
      ],
      dueDay: 10,
      settings: { cadence: { 党课: "month" } },
      ledgers: [
        {
          ...FLOOD_DUTY,
          columns: FLOOD_DUTY.columns.map((c) => (c.name === "人数" ? { ...c, min: 2 } : c)),
        },
      ],
    };
    expect(registryChanges(before, after)).toEqual([
      "新增支部“石城村党支部”",
      "支部“老牛湾村党支部”的设有党小组由“是”改为“否”",
      "报送截止日由“5”改为“10”",
      "党课的频次由“默认”改为“month”",
      "台账“防汛值班台账”的列“人数”的下限由“1”改为“2”",
    ]);
    expect(registryChanges(DEFAULT_REGISTRY, FLOOD_REGISTRY)).toEqual(["新增本镇台账“防汛值班台账”（5 列）"]);
    expect(registryChanges(FLOOD_REGISTRY, FLOOD_REGISTRY)).toEqual([]);
  });
});
