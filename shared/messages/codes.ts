/** Each finding code's name as a clerk reads it (the annotated workbook's 校验结果 sheet), zh-CN and en. */
import type { FindingCode, Severity } from "../findings";
import type { Locale } from "./pane";

/** Every code has a name; `development` (ledgers spec §3, members) is named before the engine emits it. */
type CodeNames = Record<FindingCode, string> & Record<string, string>;

export const FINDING_CODE_NAMES: Record<Locale, CodeNames> = {
  "zh-CN": {
    "missing-column": "缺少列",
    "duplicate-column": "列重复",
    required: "必填项为空",
    type: "格式不对",
    enum: "不是规定选项",
    range: "超出范围",
    pattern: "格式不符",
    checksum: "身份证号校验码错误",
    "future-date": "日期晚于今天",
    "unknown-branch": "村（支部）不在名单中",
    "unknown-staff": "人员不在名单中",
    "date-order": "日期先后不对",
    inconsistent: "前后矛盾",
    age: "年龄不符",
    "dues-rate": "党费标准不符",
    "sum-mismatch": "合计不符",
    "duplicate-key": "重复",
    "coverage-gap": "联系未覆盖",
    quorum: "到会人数不足",
    "cadence-gap": "未按期召开",
    "visit-days": "到村天数不足",
    probation: "预备期",
    development: "发展党员时间",
    quota: "优秀比例超标",
    "dues-unpaid": "党费欠缴",
    "unknown-sheet": "未识别的表",
  },
  en: {
    "missing-column": "missing column",
    "duplicate-column": "duplicate column",
    required: "required cell empty",
    type: "wrong type",
    enum: "not an allowed value",
    range: "out of range",
    pattern: "wrong format",
    checksum: "ID check character wrong",
    "future-date": "date in the future",
    "unknown-branch": "unknown village or branch",
    "unknown-staff": "unknown staff member",
    "date-order": "dates in the wrong order",
    inconsistent: "inconsistent",
    age: "age",
    "dues-rate": "dues rate",
    "sum-mismatch": "total mismatch",
    "duplicate-key": "duplicate",
    "coverage-gap": "contact coverage gap",
    quorum: "quorum",
    "cadence-gap": "meeting missed",
    "visit-days": "too few village days",
    probation: "probation",
    development: "development timeline",
    quota: "quota exceeded",
    "dues-unpaid": "dues unpaid",
    "unknown-sheet": "unrecognised sheet",
  },
};

export const SEVERITY_NAMES: Record<Locale, Record<Severity, string>> = {
  "zh-CN": { error: "错误", warning: "警告", info: "提示" },
  en: { error: "Error", warning: "Warning", info: "Info" },
};

/** The 校验结果 sheet's column headings and its line for a clean workbook. */
export const RESULT_SHEET_TEXT: Record<Locale, { headers: readonly string[]; none: string }> = {
  "zh-CN": { headers: ["工作表", "单元格", "级别", "问题类型", "列", "问题", "建议"], none: "未发现问题。" },
  en: {
    headers: ["Sheet", "Cell", "Severity", "Kind", "Column", "Problem", "Fix"],
    none: "No problems found.",
  },
};
