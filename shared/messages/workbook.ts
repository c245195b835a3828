/**
 * Text Ledgerline writes into workbooks (templates, notes, the 汇总 sheet, consolidated sheets):
 * one catalogue for the Excel adapter and the .xlsx writers. A ledger is a Chinese document, so
 * the writers use zh-CN; `en` keeps the catalogue complete for an English pane.
 */
import { catalogueText, type Locale } from "./pane";

const zhCN = {
  templateTitle: "{township}{title}",
  templateTitleYear: "{township}{title}（{year}年）",
  serialHeader: "序号",
  requiredPrefix: "必填。",
  hintDate: "请填写日期，如 2025-09-12。",
  hintDateOrMonth: "请填写日期或年月，如 2025-09-12 或 1980.02。",
  hintMonth: "请填写月份，如 2025-09。",
  hintInt: "请填写整数{unit}{min}。",
  hintNum: "请填写数字{unit}。",
  hintUnit: "（单位：{unit}）",
  hintMin: "，不小于 {min}",
  hintMoney: "请填写金额（单位：{unit}），最多两位小数。",
  hintEnum: "请从下拉列表中选择：{values}。",
  hintList: "可填多项，用顿号分隔：{values}。",
  hintListFree: "可填多项，用顿号分隔。",
  hintBranch: "请选择村党支部（可用村名）。",
  hintStaff: "请填写镇党建办工作人员姓名。",
  hintStaffList: "可填多名镇党建办工作人员，用顿号分隔。",
  hintMobile: "请填写 11 位手机号码。",
  hintPhone: "请填写手机号码，或带区号的固定电话，如 0350-7123456。",
  hintPayment: "请填写当月实缴金额（元）；已按月应缴交纳可填 √，免交月份填“免”。",
  hintId18: "请填写 18 位身份证号码（本列为文本格式）。",
  hintName: "请填写姓名，中间不要加空格。",
  hintText: "请填写{name}。",
  listSeparator: "、",
  listErrorTitle: "不在可选范围内",
  listErrorMessage: "请从下拉列表中选择{name}。",
  templateFooter: "填表人：__________    审核人：__________    第 &P 页，共 &N 页",
  notePrefix: "【台账通】",
  noteHint: "建议：{hint}",
  summarySheetColumn: "工作表",
  summaryKindColumn: "台账",
  summaryErrors: "错误",
  summaryWarnings: "警告",
  summaryCountsChart: "各表问题数",
  summaryBreakdownChart: "{sheet} · {figure}",
  consolidatedBranch: "提交单位",
  consolidatedSheet: "{title}汇总",
  consolidatedTitle: "{township}{title}汇总（{year}年）",
  consolidatedSummaryTitle: "{township}党建台账汇总（{year}年）",
  consolidatedNoData: "暂无报送数据。",
  consolidatedTotal: "合计",
  consolidatedChart: "{title}：各单位{figures}",
  // Figures formatted everywhere
  summaryUnitColumn: "单位",
  consolidatedTotalOf: "合计（{reported}/{expected} 个支部已报）",
  consolidatedPartial: "注意：{expected} 个支部中只有 {reported} 个已报，合计不是全镇的数。",
} as const;

export type WorkbookMessageKey = keyof typeof zhCN;

const en: Record<WorkbookMessageKey, string> = {
  templateTitle: "{township} {title}",
  templateTitleYear: "{township} {title} ({year})",
  serialHeader: "No.",
  requiredPrefix: "Required. ",
  hintDate: "Enter a date, e.g. 2025-09-12.",
  hintDateOrMonth: "Enter a date or a year and month, e.g. 2025-09-12 or 1980.02.",
  hintMonth: "Enter a month, e.g. 2025-09.",
  hintInt: "Enter a whole number{unit}{min}.",
  hintNum: "Enter a number{unit}.",
  hintUnit: " ({unit})",
  hintMin: ", at least {min}",
  hintMoney: "Enter an amount in {unit}, at most two decimals.",
  hintEnum: "Choose from the list: {values}.",
  hintList: "Several allowed, separated by 、: {values}.",
  hintListFree: "Several allowed, separated by 、.",
  hintBranch: "Choose the village branch (the village name is fine).",
  hintStaff: "Enter the name of a township office staff member.",
  hintStaffList: "Several township office staff members, separated by 、.",
  hintMobile: "Enter an 11-digit mobile number.",
  hintPhone: "Enter a mobile number, or a landline with its area code, e.g. 0350-7123456.",
  hintPayment:
    "Enter the amount paid that month (yuan); √ if the monthly dues were paid, 免 for an exempted month.",
  hintId18: "Enter the 18-character ID number (this column is text).",
  hintName: "Enter the name without spaces.",
  hintText: "Enter {name}.",
  listSeparator: ", ",
  listErrorTitle: "Not in the list",
  listErrorMessage: "Choose {name} from the drop-down list.",
  templateFooter: "Filled in by: __________    Checked by: __________    Page &P of &N",
  notePrefix: "[Ledgerline] ",
  noteHint: "Fix: {hint}",
  summarySheetColumn: "Sheet",
  summaryKindColumn: "Ledger",
  summaryErrors: "Errors",
  summaryWarnings: "Warnings",
  summaryCountsChart: "Findings per sheet",
  summaryBreakdownChart: "{sheet} · {figure}",
  consolidatedBranch: "Submitted by",
  consolidatedSheet: "{title} (all)",
  consolidatedTitle: "{township} {title}, all units ({year})",
  consolidatedSummaryTitle: "{township} party-building ledgers, summary ({year})",
  consolidatedNoData: "Nothing submitted yet.",
  consolidatedTotal: "Total",
  consolidatedChart: "{title}: {figures} by unit",
  // Figures formatted everywhere
  summaryUnitColumn: "Unit",
  consolidatedTotalOf: "Total ({reported} of {expected} branches reported)",
  consolidatedPartial:
    "Note: only {reported} of {expected} branches have reported; the total is not the township's.",
};

export const workbookMessages: Record<Locale, Record<WorkbookMessageKey, string>> = {
  "zh-CN": zhCN,
  en,
};

const workbookLookup = catalogueText(workbookMessages);

export function workbookText(
  key: WorkbookMessageKey,
  vars?: Readonly<Record<string, string | number>>,
  locale: Locale = "zh-CN",
): string {
  return workbookLookup(locale, key, vars);
}
