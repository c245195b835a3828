/**
 * The township's settings (interfaces spec, registry revision 2) and their defaults, which are
 * the regulations' own: every frequency and threshold a rule uses comes from here, and a
 * finding that a non-default setting changed says which setting applied (ledgers spec §4).
 */
import type { Registry } from "./registry";
import { msg, type EngineText } from "./messages/engine";

export type Frequency = "week" | "month" | "quarter" | "year";
export type CadenceSetting = Frequency | "off";

/** How a meeting type is held by default and where that rule comes from. */
export interface MeetingDefault {
  every: Frequency;
  /** Where the default frequency comes from, quoted in messages. */
  basis: EngineText;
  /** The verb a clerk uses: 召开 a meeting, 开展 主题党日, 上 党课. */
  verb: EngineText;
}

const OFFICE_RULES = msg("basis.officeMeetings");
const HOLD = msg("verb.hold");
/** 《中国共产党支部工作条例（试行）》, the article given. */
const branchRules = (article: "11" | "12" | "13" | "16" | "17" | "18") =>
  msg("basis.branchRules", { article: msg(`article.${article}`) });

/** The 党建办's "143" work meetings (老牛湾镇 工作例会制度: 周小结、月例会、季总结、年盘点). */
export const OFFICE_MEETING_DEFAULTS: Readonly<Record<string, MeetingDefault>> = {
  周小结: { every: "week", basis: OFFICE_RULES, verb: HOLD },
  月例会: { every: "month", basis: OFFICE_RULES, verb: HOLD },
  季总结: { every: "quarter", basis: OFFICE_RULES, verb: HOLD },
  年盘点: { every: "year", basis: OFFICE_RULES, verb: HOLD },
};

/**
 * 三会一课 (支部工作条例 第十一至十八条): 党员大会 一般每季度1次 (第十一条), 支部委员会 一般每月1次
 * (第十二条), 党小组会 一般每月1次 (第十三条), 主题党日 每月相对固定1天 (第十六条), 组织生活会 每年
 * 至少1次 (第十七条), 民主评议党员 一般每年1次 (第十八条). The 条例 sets no frequency for 党课;
 * quarterly is the common local rule.
 */
export const BRANCH_MEETING_DEFAULTS: Readonly<Record<string, MeetingDefault>> = {
  支部党员大会: { every: "quarter", basis: branchRules("11"), verb: HOLD },
  支部委员会: { every: "month", basis: branchRules("12"), verb: HOLD },
  党小组会: { every: "month", basis: branchRules("13"), verb: HOLD },
  党课: { every: "quarter", basis: msg("basis.localLectures"), verb: msg("verb.give") },
  主题党日: { every: "month", basis: branchRules("16"), verb: msg("verb.carryOut") },
  组织生活会: { every: "year", basis: branchRules("17"), verb: HOLD },
  民主评议党员: { every: "year", basis: branchRules("18"), verb: msg("verb.carryOut") },
};

/** Every meeting type a `settings.cadence` key may name. */
export const MEETING_TYPES = [
  ...Object.keys(OFFICE_MEETING_DEFAULTS),
  ...Object.keys(BRANCH_MEETING_DEFAULTS),
] as readonly string[];

/** The thresholds' defaults. */
export const DEFAULT_SETTINGS = {
  /** "每名工作人员每周到村不少于 2 天" (老牛湾镇 "143" 工作机制). */
  visitDaysPerWeek: 2,
  /** 《公务员考核规定》: 优秀等次人数一般掌握在参加年度考核人数的 20% 以内. */
  excellentShare: 0.2,
  /** An open problem collected more than this many days before the as-of date is overdue. */
  openDaysLimit: 30,
  /** A period's submission is on time until this day of the following month (interfaces spec). */
  dueDay: 5,
} as const;

/** One resolved setting: its value, and the words a message adds when the township changed it. */
export interface Setting<T> {
  value: T;
  /** Null for the default; else e.g. "（按本镇设置 visitDaysPerWeek = 3）". */
  note: EngineText | null;
}

/** The note a finding carries when a non-default setting decided it. */
export function settingNote(name: string, value: string | number): EngineText {
  return msg("fragment.setting", { name, value });
}

type SettingsKey = Exclude<keyof typeof DEFAULT_SETTINGS, "dueDay">;

function numeric<K extends SettingsKey>(registry: Registry, key: K): Setting<number> {
  const own = registry.settings?.[key];
  return own === undefined || own === DEFAULT_SETTINGS[key]
    ? { value: DEFAULT_SETTINGS[key], note: null }
    : { value: own, note: settingNote(key, own) };
}

export const visitDaysPerWeek = (registry: Registry): Setting<number> =>
  numeric(registry, "visitDaysPerWeek");
export const excellentShare = (registry: Registry): Setting<number> => numeric(registry, "excellentShare");
export const openDaysLimit = (registry: Registry): Setting<number> => numeric(registry, "openDaysLimit");
/** The registry's `dueDay` (top level since revision 1), else the default. */
export const dueDay = (registry: Pick<Registry, "dueDay">): number =>
  registry.dueDay ?? DEFAULT_SETTINGS.dueDay;

/** A meeting type's frequency (or "off") and the basis a message cites. */
export interface MeetingRule {
  type: string;
  every: CadenceSetting;
  basis: EngineText;
  verb: EngineText;
}

/**
 * The cadence of each of `defaults`' types under the registry's `settings.cadence`; a changed
 * frequency cites the setting instead of the regulation.
 */
export function meetingRules(
  registry: Registry,
  defaults: Readonly<Record<string, MeetingDefault>>,
): MeetingRule[] {
  const own = registry.settings?.cadence ?? {};
  return Object.entries(defaults).map(([type, d]) => {
    const every = own[type] ?? d.every;
    const basis = every === d.every ? d.basis : msg("basis.setting", { type, value: every });
    return { type, every, basis, verb: d.verb };
  });
}

/** The registry's entry for a branch (canonical name), or undefined. */
export function branchSettings(registry: Registry, branch: string) {
  return registry.branches.find((b) => b.name === branch);
}
