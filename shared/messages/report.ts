/**
 * The 季总结 / 年盘点 draft's own words. The draft is a Chinese document the township sends to the
 * county, so it is written in Chinese only; its figures' labels come from the kinds (figures.ts).
 */
export const PLACEHOLDER = "【请补充】";

export const reportText = {
  title: (unit: string, period: string, type: string) => `${unit}${period}${type}（初稿）`,
  yearPeriod: (year: string) => `${year}年`,
  quarterPeriod: (year: string, q: number) => `${year}年第${"一二三四"[q - 1]}季度`,
  yearType: "年盘点",
  quarterType: "季总结",
  subtitle: (asOf: string) =>
    `数据截至 ${asOf}，由台账通根据各单位报送的台账生成。标有${PLACEHOLDER}处请经办人补写，数字请勿改动。`,
  quarterNote:
    "季度数据为当年 1 月 1 日至季末的累计数，按各台账行的首个日期归属；党费、花名册等按季末时点计算。",
  sections: {
    system: "一、“143”工作体系运行情况",
    figures: "二、主要数据",
    branches: "三、各支部情况",
    attention: "四、需要关注的事项",
    shortcomings: "五、存在的问题和不足",
    plans: "六、下步工作打算",
  },
  system: {
    lead: "（一）一个牵头",
    mechanisms: "（二）四项机制",
    integrations: "（三）三个融合",
  },
  items: {
    lead: "镇党建办牵头抓总",
    meetings: "工作例会（周小结、月例会、季总结、年盘点）",
    contacts: "固定联系点",
    fieldwork: "实地调研",
    assessment: "考核评价",
    business: "与日常业务融合",
    governance: "与基层治理融合",
    industry: "与产业发展融合",
  },
  practice: `主要做法和成效：${PLACEHOLDER}`,
  noData: (title: string) => `本期未收到${title}。`,
  columns: {
    figure: "指标",
    current: "本期",
    previous: "上期",
    changePrevious: "较上期",
    lastYear: "去年同期",
    changeLastYear: "较去年同期",
  },
  attention: {
    openProblems: (limit: number) => `（一）超过 ${limit} 天未办结的民情问题`,
    disputesUp: "（二）上报（已移交）的矛盾纠纷",
    arrears: "（三）党费欠缴（欠缴 3 个月以上人数）",
    late: "（四）逾期报送和未报送的台账",
    none: "无。",
  },
  problemColumns: ["编号", "村", "问题类别", "收集日期", "办理状态", "已过天数", "问题描述"],
  disputeColumns: ["编号", "村", "纠纷类型", "登记日期", "化解层级"],
  arrearsColumns: ["支部", "党员人数", "欠缴 3 个月以上人数"],
  lateColumns: ["单位", "台账", "周期", "报送期限", "情况"],
  lateStates: { late: "逾期报送", missing: "未报送" } as Record<string, string>,
  lateOn: (date: string) => `（${date} 报送）`,
  total: "合计",
  chartSeries: { current: "本期", previous: "上期", lastYear: "去年同期" },
  /** The value axis' title of a chart in the Word draft. */
  chartUnit: (unit: string) => `单位：${unit}`,
  points: "个百分点",
  same: "持平",
};
