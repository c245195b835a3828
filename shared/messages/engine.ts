/**
 * The engine's messages: every finding's message and hint, by key, in zh-CN and en. A finding
 * keeps its zh-CN `message` and `hint` (the API and `validate --json` contract) and carries its
 * `key` and `params`, from which a client renders it in English. A key's params are the
 * placeholders of its templates, checked by the type system at every call (`msg`).
 *
 * Params are the values a message names (a column, a cell's text, a date, a number); a param
 * that needs words of its own in each language (a period, a regulation, an optional clause) is a
 * message of its own from the fragments below. A param never holds an ID number's digits, nor
 * the birth date or gender an ID holds (ledgers spec §2): neither language can show what the
 * params do not carry.
 */
import type { Finding, MessageParam, MessageRef } from "../findings";
import type { Locale } from "./pane";

/** A template and, for a finding, its hint. Fragments (used as params) have a message only. */
interface Entry {
  readonly message: string;
  readonly hint?: string;
}

const CHARTER = "《中国共产党章程》";
const BRANCH_RULES = "《中国共产党支部工作条例（试行）》";
const DEVELOPMENT_RULES = "《中国共产党发展党员工作细则》";
const DUES_RULES = "中组发〔2008〕3号";

const zhCN = {
  // The sheet and its header.
  "sheet.unknown": {
    message: "工作表“{sheet}”不是可识别的台账（前 20 行中没有找到台账表头），未作校验。",
    hint: "如这是台账，请检查表头名称是否与模板一致；可用“插入模板”生成标准表头。",
  },
  "column.missing": { message: "缺少必填列“{column}”。", hint: "请在表头中加上“{column}”列{aliases}。" },
  "column.duplicate": { message: "表头“{header}”与前面的“{column}”列重复。", hint: "请删除或改名其中一列。" },
  "dues.noMonthColumns": {
    message: "缺少各月交纳情况列（1月 至 12月），无法核对党费交纳。",
    hint: "请在表头中加上 1月 至 12月 各列（也可写作 1月份、一月、2025年1月 或 2025-01），按月登记实缴金额，或填 √（已交）、免（免交）。",
  },

  // One cell (read/column.ts).
  "cell.required": { message: "必填项“{column}”为空。", hint: "请填写{column}。" },
  "cell.future": {
    message: "{column} {value} 晚于校验日期 {asOf}，台账不能登记尚未发生的日期。",
    hint: "请核对日期是否填错了年份或月份。",
  },
  "cell.notNumber": { message: "{column}“{value}”不是数字。", hint: "请填写数字。" },
  "cell.notWholeNumber": { message: "{column}“{value}”不是数字。", hint: "请填写整数。" },
  "cell.notInteger": { message: "{column}“{value}”不是整数。", hint: "请填写整数。" },
  "cell.belowMin": {
    message: "{column} {value} 小于允许的最小值 {min}。",
    hint: "请填写不小于 {min} 的数。",
  },
  "cell.notAbove": { message: "{column} {value} 应大于 {min}。", hint: "请填写大于 {min} 的数。" },
  "cell.aboveMax": {
    message: "{column} {value} 大于允许的最大值 {max}。",
    hint: "请填写不大于 {max} 的数。",
  },
  "cell.notMoney": { message: "{column}“{value}”不是金额。", hint: "请填写数字金额（单位：{unit}）。" },
  "cell.notPayment": {
    message: "{column}“{value}”不是金额。",
    hint: "请填写数字金额（单位：{unit}），或填 √（已交）、免（免交）。",
  },
  "cell.negativeMoney": { message: "{column}“{value}”不能小于 {min}。", hint: "金额不能为负数，请核对。" },
  "cell.notAllowed": { message: "{column}“{value}”不是规定的选项（{values}）。", hint: "{advice}" },
  "cell.itemNotAllowed": {
    message: "{column}中的“{value}”不是规定的选项（{values}）。",
    hint: "{advice}多个选项请用顿号分隔。",
  },
  "cell.unknownBranch": { message: "{column}“{value}”不在本镇的村（支部）名单中。", hint: "{advice}" },
  "cell.unknownStaff": { message: "{column}“{value}”不在{source}中。", hint: "{advice}" },
  "cell.unknownStaffItems": { message: "{column}中的“{value}”不在{source}中。", hint: "{advice}" },
  "cell.notMobile": {
    message: "{column}“{value}”不是有效的手机号码。",
    hint: "手机号码应为 11 位数字，以 1 开头。",
  },
  "cell.notPhone": {
    message: "{column}“{value}”不是有效的电话号码。",
    hint: "请填写 11 位手机号码，或带区号的固定电话，如 0350-7123456。",
  },
  "cell.dateNoYear": {
    message: "{column}“{value}”没有年份。",
    hint: "请写成带年份的日期，如 2025-09-12 或 2025年9月12日。",
  },
  "cell.dateNoDay": {
    message: "{column}“{value}”只有年月，缺少日。",
    hint: "请填写完整的日期，如 2025-09-12。",
  },
  "cell.dateAmbiguousMonth": {
    message: "{column}“{value}”分不清是 1 月还是 10 月（Excel 会把 {year}.10 末尾的 0 去掉）。",
    hint: "请以文本输入 {year}.10 或 {year}.01（先输入英文单引号 '，或把单元格设为文本格式）。",
  },
  "cell.dateYearOnly": { message: "{column}“{value}”只有年份。", hint: "{advice}" },
  "cell.dateBefore1900": {
    message: "{column}早于 1900 年，不是有效的日期。",
    hint: "请核对年份，填写日期，如 2025-09-12。",
  },
  "cell.notDate": { message: "{column}“{value}”不是有效的日期。", hint: "{advice}" },

  // ID numbers: no message names a digit of the number (ledgers spec §2).
  "id.storedAsNumber": {
    message: "{column}被存成了数字，后几位已经丢失。",
    hint: "请把该列设为“文本”格式后重新录入完整的 18 位号码。",
  },
  "id.pattern": {
    message: "{column}格式不对：应为 18 位，前 17 位是数字，最后一位是数字或 X。",
    hint: "公民身份号码应为 18 位：17 位数字加 1 位数字或 X。",
  },
  "id.checksum": {
    message: "{column}的校验位（最后一位）与前 17 位不符。",
    hint: "请对照身份证逐位核对号码。",
  },
  "id.birthInvalid": {
    message: "{column}中的出生日期不是有效日期。",
    hint: "号码中的出生日期（第 7–14 位）不是有效日期，请核对。",
  },
  "id.birthFuture": {
    message: "{column}中的出生日期晚于校验日期 {asOf}，号码有误。",
    hint: "请对照身份证逐位核对号码（第 7–14 位为出生日期）。",
  },
  "id.birthMismatch": {
    message: "{column} {value} 与{idColumn}不一致。",
    hint: "请核对{column}和{idColumn}（号码第 7–14 位为出生日期）。",
  },
  "id.genderMismatch": {
    message: "{column}“{value}”与{idColumn}不一致。",
    hint: "请核对{column}和{idColumn}（号码第 17 位为奇数是男，偶数是女）。",
  },

  // Repeats.
  "unique.value": {
    message: "{column}“{value}”与第 {first} 行重复。",
    hint: "{column}在本表中不能重复，请核对。",
  },
  "unique.id": { message: "{column}与第 {first} 行重复。", hint: "{column}在本表中不能重复，请核对。" },
  "unique.pair": {
    message:
      "{column}“{value}”、{other}“{otherValue}”与第 {first} 行重复，同一{column}和{other}只能登记一次。",
    hint: "请删除重复的行，或核对是否填错。",
  },

  // Rows that contradict themselves, shared by several kinds.
  "row.otherBranch": {
    message: "{column}是“{value}”，不是报送单位“{branch}”；支部只报送本支部的台账。",
    hint: "请删去其他村的行，由该村或镇党建办报送。",
  },
  "row.needsValue": {
    message: "{status}为“{value}”，但没有填写{column}。",
    hint: "请填写{column}，或把{status}改为实际情况。",
  },
  "row.dateOrder": {
    message: "{column} {value} 早于{earlier} {earlierValue}，{column}不能早于{earlier}。",
    hint: "请核对两个日期。",
  },

  // 民情问题台账.
  "problems.fewerPeople": {
    message: "受益人数 {people} 少于受益户数 {households}，每户至少一人。",
    hint: "请核对受益户数和受益人数是否填反。",
  },

  // 项目台账.
  "projects.noPartner": {
    message: "项目类型为“入股分红”，但没有填写合作村。",
    hint: "入股分红项目请填写与本村合作的村。",
  },
  "projects.samePartner": {
    message: "入股分红项目的合作村“{value}”与本村相同。",
    hint: "合作村应为本村以外的村，请核对。",
  },

  // 人员岗位表.
  "staff.vacant": {
    message: "本表没有登记{role}，镇党建办应有一名{role}。",
    hint: "如已有{role}，请在“{column}”列中登记；如暂缺，请及时配备。",
  },
  "staff.secondHolder": {
    message: "本行职务登记为{role}，但第 {first} 行{holder}已登记为{role}，{role}只能有一名。",
    hint: "请核对职务，其他人员应登记为专职工作人员或兼职工作人员。",
  },

  // 支部联系点.
  "contacts.branchUncovered": {
    message: "{branch}没有联系的党建办工作人员，每个村党支部都应至少有一名联系人。",
    hint: "请为{branch}安排联系人并登记在本表。",
  },
  "contacts.staffUnlinked": {
    message: "{person}没有联系的村党支部，每名党建办工作人员都应至少联系一个村党支部。",
    hint: "请为{person}安排联系支部并登记在本表。",
  },

  // 到村工作日志.
  "fieldwork.visitDays": {
    message: "{person} {period} 到村工作 {days} 天，少于每周 {minimum} 天的要求{setting}。",
    hint: "请核对是否漏记了到村工作日志。",
  },

  // 工作例会台账 and 三会一课台账.
  "meetings.missed": {
    message: "{period} 没有召开{type}（{frequency}至少一次，{basis}）。",
    hint: "如已召开，请补记这次{type}；如未召开，请按工作例会制度补开。",
  },
  "branchMeetings.missed": {
    message: "{branch} {period} 没有{verb}{type}（{frequency}至少一次，{basis}）。",
    hint: "如已{verb}{type}，请补记到本表；否则请按规定及时安排。",
  },
  "branchMeetings.overAttended": {
    message: "实到人数 {present} 多于应到人数 {expected}，实到人数不能多于应到人数。",
    hint: "请核对应到人数和实到人数。",
  },
  "branchMeetings.quorum": {
    message: `支部党员大会实到 {present} 人，没有超过应到 {expected} 人的半数（${BRANCH_RULES}第十一条：须有半数以上党员到会）。`,
    hint: "请核对人数；到会人数未过半数的，会议不能进行表决，需另行召开。",
  },
  "branchMeetings.secretaryLecture": {
    message: `{branch} {period} 没有书记讲党课的记录：党课的主讲人中没有支部书记{secretary}（本镇设置的书记讲党课要求；${BRANCH_RULES}第十六条规定的是党委（党组）书记每年至少讲一次党课）。`,
    hint: "如{secretary}已讲党课，请在主讲人中写明；否则请安排支部书记讲党课。",
  },

  // 考核评价表.
  "assessment.quota": {
    message:
      "{year} 年度考核评为优秀的有 {excellent} 人，占参加考核的 {total} 人的 {share}%，超过了 {limit}% 的比例{setting}。",
    hint: "请核对考核等次；优秀等次人数一般不超过参加考核人数的 {limit}%。",
  },

  // 党员花名册.
  "members.underage": {
    message: `{column} {value} 时未满 {age} 周岁（{basis}），年满十八岁方可申请入党（${CHARTER}第一条）。`,
    hint: "请核对出生日期、申请入党时间和入党时间。",
  },
  "members.notAfter": {
    message: "{column} {value} 不晚于{earlier}，{column}应晚于{earlierName}。",
    hint: "请核对两个日期。",
  },
  "members.before": {
    message: "{column} {value} 早于{earlier}，{column}应不早于{earlierName}。",
    hint: "请核对两个日期。",
  },
  "members.fullWithoutConfirmation": {
    message: "人员类别为“正式党员”，但没有填写转正时间。",
    hint: "请填写转正时间，或把人员类别改为“预备党员”。",
  },
  "members.probationaryConfirmed": {
    message: "人员类别为“预备党员”，却填写了转正时间 {value}。",
    hint: "已转正的请把人员类别改为“正式党员”；未转正的请删除转正时间。",
  },
  "members.probationExpired": {
    message:
      "预备党员入党时间为 {joined}，预备期{extension}已于 {expiry} 期满，仍未转正：预备期已满，请及时讨论转正。",
    hint: `预备期满，党支部应当及时讨论其能否转为正式党员（${DEVELOPMENT_RULES}第三十二条）；已转正的，请补填转正时间并把人员类别改为正式党员。`,
  },
  "members.development": {
    message: `入党时间 {joined} 距申请入党时间 {applied} 不满一年；入党积极分子须经一年以上的培养教育和考察，方可列为发展对象（${DEVELOPMENT_RULES}第十三条）。`,
    hint: "请核对申请入党时间和入党时间。",
  },
  "members.confirmedEarly": {
    message: `转正时间 {confirmed} 距入党时间 {joined} 不满一年，预备期为一年（${CHARTER}第七条）。`,
    hint: "预备期满一年应为 {oneYear}，请核对。",
  },
  "members.confirmedLate": {
    message: `转正时间 {confirmed} 距入党时间 {joined} 已超过两年：预备期一年，最多延长一年（${CHARTER}第七条，${DEVELOPMENT_RULES}第三十二条）。`,
    hint: "请核对入党时间、转正时间和延长预备期。",
  },
  "members.confirmedOffDay": {
    message: `转正时间 {confirmed} 不是入党时间 {joined} 满一年之日（{oneYear}）；延长预备期不少于半年、最长一年，转正应在 {earliest} 至 {latest} 之间（${DEVELOPMENT_RULES}第三十二条）。`,
    hint: "请核对入党时间、转正时间和延长预备期。",
  },

  // 党费收缴台账.
  "dues.rateByShare": {
    message: "月应缴 {value} 元与规定不符：{rule}（{basis}）。",
    hint: "请按规定比例重新计算月应缴党费（相差 1 元以内视为正确）。",
  },
  "dues.rateFixed": {
    message: "月应缴 {value} 元与规定不符：{rule}（{basis}）。",
    hint: "请按规定标准核定月应缴党费；经党支部研究、报上一级党委批准少交或免交的，请在备注中写明“少交”或“免交”（第七条）。",
  },
  "dues.sumMismatch": {
    message: "全年实缴 {total} 元与各月实缴之和 {paid} 元不一致。",
    hint: "请核对各月金额与全年实缴。",
  },
  "dues.unpaid": {
    message: "{who}截至 {month} 欠交党费 {arrears} 元（{months} 个月的月应缴），{unpaid}的党费尚未交纳{rule}",
    hint: "请核实是否漏登（按季度交纳或补交的，登记在实际交纳的月份）；确未交纳的，请支部督促交纳。",
  },

  // Fragments: parts of a message that need their own words in each language.
  "advice.near": { message: "是否应为“{value}”？" },
  "advice.choose": { message: "请从规定的选项中选择：{values}。" },
  "advice.branch": { message: "请填写本镇的村或支部名称。" },
  "advice.staffNear": { message: "是否应为“{value}”？如是新同志，请先补入人员岗位表。" },
  "advice.staffAdd": { message: "请先把该同志补入人员岗位表。" },
  "advice.date": { message: "请填写日期，如 2025-09-12。" },
  "advice.dateOrMonth": { message: "请填写日期或年月，如 2025-09-12、1980.02 或 1980年2月。" },
  "advice.organisationAward": {
    message:
      "“先进基层党组织”是授予党组织的表彰，不能登记在个人名下；个人请填两优一先（优秀共产党员、优秀党务工作者）。",
  },
  "fragment.aliases": { message: "（也可写作：{names}）" },
  "fragment.named": { message: "（{name}）" },
  "fragment.columnValue": { message: "{column} {value}" },
  "fragment.idBirth": { message: "公民身份号码中的出生日期" },
  "fragment.idBirthBasis": { message: "按公民身份号码中的出生日期计算" },
  "fragment.extension": { message: "（含延长的{value}）" },
  "fragment.setting": { message: "（按本镇设置 {name} = {value}）" },
  "staffSource.registry": { message: "镇党建办人员名单" },
  "staffSource.workbook": { message: "本工作簿的人员岗位表" },
  "staffSource.both": { message: "镇党建办人员名单和本工作簿的人员岗位表" },
  "staffSource.submitted": { message: "镇党建办已报送的人员岗位表" },
  "period.week": { message: "{year} 年第 {week} 周" },
  "period.quarter": { message: "{year} 年第 {quarter} 季度" },
  "period.year": { message: "{year} 年" },
  "frequency.week": { message: "每周" },
  "frequency.month": { message: "每月" },
  "frequency.quarter": { message: "每季度" },
  "frequency.year": { message: "每年" },
  "verb.hold": { message: "召开" },
  "verb.give": { message: "上" },
  "verb.carryOut": { message: "开展" },
  "basis.officeMeetings": { message: "镇党建办工作例会制度" },
  "basis.localLectures": { message: "本地三会一课制度" },
  "basis.branchRules": { message: `${BRANCH_RULES}第{article}条` },
  "basis.setting": { message: "本镇设置 settings.cadence.{type} = {value}" },
  "basis.dues": { message: `${DUES_RULES}第{article}条` },
  "dues.ruleShare": { message: "{who}月收入基数 {base} 元，应按 {rate}% 交纳，即 {due} 元" },
  "dues.ruleFarmer": { message: "农民党员每月应交纳 0.2 元至 1 元" },
  "dues.ruleFixed": { message: "{category}党员每月应交纳 0.2 元" },
  "dues.employed": { message: "在职党员" },
  "dues.selfEmployed": { message: "个体经营党员（上季度月平均纯收入）" },
  "dues.retired": { message: "离退休党员" },
  "dues.thisMember": { message: "该党员" },
  "dues.unpaidEnd": { message: "。" },
  "dues.unpaidSixMonths": {
    message:
      "；已有连续 {gap} 个月未交纳；党员如果没有正当理由，连续六个月不交纳党费，就被认为是自行脱党（《中国共产党章程》第九条），请支部及时了解原因。",
  },
  "dues.unpaidTooLong": {
    message: `；补交党费的时间一般不得超过 6 个月（${DUES_RULES}第十二条），请支部督促补交。`,
  },
  "month.one": { message: "{month}月" },
  "month.range": { message: "{from}月至{to}月" },
  "article.2": { message: "二" },
  "article.4": { message: "四" },
  "article.5": { message: "五" },
  "article.6": { message: "六" },
  "article.11": { message: "十一" },
  "article.12": { message: "十二" },
  "article.13": { message: "十三" },
  "article.16": { message: "十六" },
  "article.17": { message: "十七" },
  "article.18": { message: "十八" },
} as const satisfies Readonly<Record<string, Entry>>;

export type EngineKey = keyof typeof zhCN;

const CHARTER_EN = "the Party Constitution";
const BRANCH_RULES_EN = "the Regulations on the Work of Party Branches (Trial)";
const DEVELOPMENT_RULES_EN = "the Rules on Admitting Party Members";
const DUES_RULES_EN = "Zhongzufa [2008] No. 3";

const en = {
  "sheet.unknown": {
    message:
      "Sheet “{sheet}” is not a recognised ledger (no ledger header in its first 20 rows), so it was not checked.",
    hint: "If it is a ledger, check that its header names match the template; “Insert template” makes a standard header.",
  },
  "column.missing": {
    message: "The required column “{column}” is missing.",
    hint: "Add a “{column}” column to the header{aliases}.",
  },
  "column.duplicate": {
    message: "The header “{header}” repeats the “{column}” column before it.",
    hint: "Delete or rename one of the two.",
  },
  "dues.noMonthColumns": {
    message: "There are no monthly payment columns (1月 to 12月), so payments cannot be checked.",
    hint: "Add the columns 1月 to 12月 to the header (1月份, 一月, 2025年1月 or 2025-01 also work) and enter each month's payment, or √ (paid) or 免 (exempt).",
  },

  "cell.required": { message: "The required cell “{column}” is empty.", hint: "Fill in {column}." },
  "cell.future": {
    message:
      "{column} {value} is after the check date {asOf}; a ledger cannot record what has not happened yet.",
    hint: "Check whether the year or the month is wrong.",
  },
  "cell.notNumber": { message: "{column} “{value}” is not a number.", hint: "Enter a number." },
  "cell.notWholeNumber": { message: "{column} “{value}” is not a number.", hint: "Enter a whole number." },
  "cell.notInteger": { message: "{column} “{value}” is not a whole number.", hint: "Enter a whole number." },
  "cell.belowMin": {
    message: "{column} {value} is below the smallest allowed value, {min}.",
    hint: "Enter a number of at least {min}.",
  },
  "cell.notAbove": {
    message: "{column} {value} must be more than {min}.",
    hint: "Enter a number above {min}.",
  },
  "cell.aboveMax": {
    message: "{column} {value} is above the largest allowed value, {max}.",
    hint: "Enter a number of at most {max}.",
  },
  "cell.notMoney": { message: "{column} “{value}” is not an amount.", hint: "Enter an amount in {unit}." },
  "cell.notPayment": {
    message: "{column} “{value}” is not an amount.",
    hint: "Enter an amount in {unit}, or √ (paid) or 免 (exempt).",
  },
  "cell.negativeMoney": {
    message: "{column} “{value}” cannot be less than {min}.",
    hint: "An amount cannot be negative; please check it.",
  },
  "cell.notAllowed": {
    message: "{column} “{value}” is not one of the allowed values ({values}).",
    hint: "{advice}",
  },
  "cell.itemNotAllowed": {
    message: "“{value}” in {column} is not one of the allowed values ({values}).",
    hint: "{advice} Separate several values with 、.",
  },
  "cell.unknownBranch": {
    message: "{column} “{value}” is not on the township's list of villages (branches).",
    hint: "{advice}",
  },
  "cell.unknownStaff": { message: "{column} “{value}” is not in {source}.", hint: "{advice}" },
  "cell.unknownStaffItems": { message: "“{value}” in {column} are not in {source}.", hint: "{advice}" },
  "cell.notMobile": {
    message: "{column} “{value}” is not a valid mobile number.",
    hint: "A mobile number has 11 digits and starts with 1.",
  },
  "cell.notPhone": {
    message: "{column} “{value}” is not a valid phone number.",
    hint: "Enter an 11-digit mobile number, or a landline with its area code, e.g. 0350-7123456.",
  },
  "cell.dateNoYear": {
    message: "{column} “{value}” has no year.",
    hint: "Write the date with its year, e.g. 2025-09-12 or 2025年9月12日.",
  },
  "cell.dateNoDay": {
    message: "{column} “{value}” has a year and month but no day.",
    hint: "Enter the full date, e.g. 2025-09-12.",
  },
  "cell.dateAmbiguousMonth": {
    message: "{column} “{value}” could be January or October (Excel drops the final 0 of {year}.10).",
    hint: "Enter {year}.10 or {year}.01 as text (type an apostrophe ' first, or format the cell as text).",
  },
  "cell.dateYearOnly": { message: "{column} “{value}” has only a year.", hint: "{advice}" },
  "cell.dateBefore1900": {
    message: "{column} is before 1900, which is not a valid date.",
    hint: "Check the year and enter a date, e.g. 2025-09-12.",
  },
  "cell.notDate": { message: "{column} “{value}” is not a valid date.", hint: "{advice}" },

  "id.storedAsNumber": {
    message: "{column} was stored as a number, and its last digits are lost.",
    hint: "Format the column as text and enter the full 18-character number again.",
  },
  "id.pattern": {
    message: "{column} has the wrong form: 18 characters, 17 digits then a digit or X.",
    hint: "A citizen ID number has 18 characters: 17 digits and a digit or X.",
  },
  "id.checksum": {
    message: "The check character (the last one) of {column} does not match the first 17.",
    hint: "Compare the number with the ID card character by character.",
  },
  "id.birthInvalid": {
    message: "The birth date inside {column} is not a valid date.",
    hint: "The birth date in the number (characters 7–14) is not a valid date; please check it.",
  },
  "id.birthFuture": {
    message: "The birth date inside {column} is after the check date {asOf}, so the number is wrong.",
    hint: "Compare the number with the ID card character by character (characters 7–14 are the birth date).",
  },
  "id.birthMismatch": {
    message: "{column} {value} does not agree with {idColumn}.",
    hint: "Check {column} and {idColumn} (characters 7–14 of the number are the birth date).",
  },
  "id.genderMismatch": {
    message: "{column} “{value}” does not agree with {idColumn}.",
    hint: "Check {column} and {idColumn} (an odd 17th character means 男, an even one 女).",
  },

  "unique.value": {
    message: "{column} “{value}” repeats row {first}.",
    hint: "{column} must not repeat in this sheet; please check.",
  },
  "unique.id": {
    message: "{column} repeats row {first}.",
    hint: "{column} must not repeat in this sheet; please check.",
  },
  "unique.pair": {
    message:
      "{column} “{value}” and {other} “{otherValue}” repeat row {first}; each {column} and {other} is entered once.",
    hint: "Delete the repeated row, or check for a typing mistake.",
  },

  "row.otherBranch": {
    message:
      "{column} is “{value}”, not the submitting unit “{branch}”; a branch submits only its own ledgers.",
    hint: "Delete the other villages' rows; that village or the township office submits them.",
  },
  "row.needsValue": {
    message: "{status} is “{value}”, but {column} is empty.",
    hint: "Fill in {column}, or change {status} to what is true.",
  },
  "row.dateOrder": {
    message: "{column} {value} is before {earlier} {earlierValue}; {column} cannot be before {earlier}.",
    hint: "Check the two dates.",
  },

  "problems.fewerPeople": {
    message: "受益人数 {people} is less than 受益户数 {households}; every household has at least one person.",
    hint: "Check whether 受益户数 and 受益人数 are swapped.",
  },

  "projects.noPartner": {
    message: "项目类型 is “入股分红”, but 合作村 is empty.",
    hint: "For an 入股分红 project, enter the village it partners with.",
  },
  "projects.samePartner": {
    message: "The 合作村 “{value}” of an 入股分红 project is the project's own village.",
    hint: "The partner must be another village; please check.",
  },

  "staff.vacant": {
    message: "No {role} is listed; the township office should have one {role}.",
    hint: "If there is a {role}, enter them in the “{column}” column; if the post is vacant, fill it soon.",
  },
  "staff.secondHolder": {
    message:
      "This row lists the post {role}, but row {first}{holder} already holds it; there is only one {role}.",
    hint: "Check the post; everyone else is 专职工作人员 or 兼职工作人员.",
  },

  "contacts.branchUncovered": {
    message: "{branch} has no contact in the township office; every village branch needs at least one.",
    hint: "Assign a contact for {branch} and enter them in this sheet.",
  },
  "contacts.staffUnlinked": {
    message: "{person} is linked to no village branch; every office staff member links at least one.",
    hint: "Assign a branch to {person} and enter it in this sheet.",
  },

  "fieldwork.visitDays": {
    message:
      "{person} worked in villages on {days} days in {period}, fewer than the {minimum} days a week required{setting}.",
    hint: "Check whether field-work log entries are missing.",
  },

  "meetings.missed": {
    message: "No {type} was held in {period} (at least once {frequency}, {basis}).",
    hint: "If it was held, add this {type}; if not, hold it as the office's meeting rules ask.",
  },
  "branchMeetings.missed": {
    message: "{branch}: no {type} {verb} in {period} (at least once {frequency}, {basis}).",
    hint: "If it was {verb}, add it to this sheet; if not, arrange it as the rules ask.",
  },
  "branchMeetings.overAttended": {
    message:
      "实到人数 {present} is more than 应到人数 {expected}; attendance cannot exceed the expected number.",
    hint: "Check 应到人数 and 实到人数.",
  },
  "branchMeetings.quorum": {
    message: `Only {present} attended the 支部党员大会, not more than half of the {expected} expected (${BRANCH_RULES_EN}, art. 11: more than half must attend).`,
    hint: "Check the numbers; without more than half present the meeting cannot vote and must be held again.",
  },
  "branchMeetings.secretaryLecture": {
    message: `{branch} has no Party lecture by its secretary in {period}: no 党课 lists the branch secretary {secretary} as speaker (the township's rule; art. 16 of ${BRANCH_RULES_EN} asks it of the Party committee's secretary, at least once a year).`,
    hint: "If {secretary} gave a 党课, enter the name under 主讲人; if not, arrange one.",
  },

  "assessment.quota": {
    message:
      "In {year}, {excellent} of the {total} people appraised were rated 优秀 ({share}%), above the {limit}% share{setting}.",
    hint: "Check the grades; 优秀 should generally go to no more than {limit}% of those appraised.",
  },

  "members.underage": {
    message: `At {column} {value} the member was under {age} ({basis}); one must be 18 to apply to join the Party (${CHARTER_EN}, art. 1).`,
    hint: "Check the birth date, 申请入党时间 and 入党时间.",
  },
  "members.notAfter": {
    message: "{column} {value} is not after {earlier}; {column} must be after {earlierName}.",
    hint: "Check the two dates.",
  },
  "members.before": {
    message: "{column} {value} is before {earlier}; {column} must not be before {earlierName}.",
    hint: "Check the two dates.",
  },
  "members.fullWithoutConfirmation": {
    message: "人员类别 is “正式党员”, but 转正时间 is empty.",
    hint: "Fill in 转正时间, or change 人员类别 to “预备党员”.",
  },
  "members.probationaryConfirmed": {
    message: "人员类别 is “预备党员”, yet 转正时间 {value} is filled in.",
    hint: "If confirmed, change 人员类别 to “正式党员”; if not, delete 转正时间.",
  },
  "members.probationExpired": {
    message:
      "This probationary member joined on {joined}; the probation{extension} ended on {expiry} without confirmation: please discuss the confirmation now.",
    hint: `When probation ends the branch must discuss full membership promptly (${DEVELOPMENT_RULES_EN}, art. 32); if confirmed, fill in 转正时间 and change 人员类别 to 正式党员.`,
  },
  "members.development": {
    message: `入党时间 {joined} is less than a year after 申请入党时间 {applied}; activists are trained and observed for more than a year before becoming candidates (${DEVELOPMENT_RULES_EN}, art. 13).`,
    hint: "Check 申请入党时间 and 入党时间.",
  },
  "members.confirmedEarly": {
    message: `转正时间 {confirmed} is less than a year after 入党时间 {joined}; probation lasts a year (${CHARTER_EN}, art. 7).`,
    hint: "A full year of probation ends on {oneYear}; please check.",
  },
  "members.confirmedLate": {
    message: `转正时间 {confirmed} is more than two years after 入党时间 {joined}: probation is a year, extended by a year at most (${CHARTER_EN}, art. 7; ${DEVELOPMENT_RULES_EN}, art. 32).`,
    hint: "Check 入党时间, 转正时间 and 延长预备期.",
  },
  "members.confirmedOffDay": {
    message: `转正时间 {confirmed} is not the day a year after 入党时间 {joined} ({oneYear}); an extension lasts from half a year to a year, so confirmation falls between {earliest} and {latest} (${DEVELOPMENT_RULES_EN}, art. 32).`,
    hint: "Check 入党时间, 转正时间 and 延长预备期.",
  },

  "dues.rateByShare": {
    message: "Monthly dues of {value} yuan do not follow the rules: {rule} ({basis}).",
    hint: "Work out the monthly dues again at the set rate (within 1 yuan counts as right).",
  },
  "dues.rateFixed": {
    message: "Monthly dues of {value} yuan do not follow the rules: {rule} ({basis}).",
    hint: "Set the monthly dues to the fixed amount; where the branch decided, and the higher committee approved, a reduction or exemption, write 少交 or 免交 in 备注 (art. 7).",
  },
  "dues.sumMismatch": {
    message: "全年实缴 {total} yuan differs from the months' payments, {paid} yuan in all.",
    hint: "Check the monthly amounts and 全年实缴.",
  },
  "dues.unpaid": {
    message:
      "{who} owes {arrears} yuan of dues as of {month} ({months} months' dues); {unpaid} not yet paid{rule}",
    hint: "Check for missing entries (a quarterly or late payment goes in the month it was paid); where dues are unpaid, the branch should ask for them.",
  },

  "advice.near": { message: "Did you mean “{value}”?" },
  "advice.choose": { message: "Choose one of the allowed values: {values}." },
  "advice.branch": { message: "Enter a village or branch of this township." },
  "advice.staffNear": { message: "Did you mean “{value}”? A new colleague is first added to 人员岗位表." },
  "advice.staffAdd": { message: "Add this colleague to 人员岗位表 first." },
  "advice.date": { message: "Enter a date, e.g. 2025-09-12." },
  "advice.dateOrMonth": {
    message: "Enter a date or a year and month, e.g. 2025-09-12, 1980.02 or 1980年2月.",
  },
  "advice.organisationAward": {
    message:
      "“先进基层党组织” is an award to a Party organisation, not to a person; for a person enter 两优一先 (优秀共产党员, 优秀党务工作者).",
  },
  "fragment.aliases": { message: " (also written as: {names})" },
  "fragment.named": { message: " ({name})" },
  "fragment.columnValue": { message: "{column} {value}" },
  "fragment.idBirth": { message: "the birth date in the ID number" },
  "fragment.idBirthBasis": { message: "from the birth date in the ID number" },
  "fragment.extension": { message: " (with its extension of {value})" },
  "fragment.setting": { message: " (township setting {name} = {value})" },
  "staffSource.registry": { message: "the township office's staff list" },
  "staffSource.workbook": { message: "this workbook's 人员岗位表" },
  "staffSource.both": { message: "both the township office's staff list and this workbook's 人员岗位表" },
  "staffSource.submitted": { message: "the 人员岗位表 the township office submitted" },
  "period.week": { message: "week {week} of {year}" },
  "period.quarter": { message: "Q{quarter} {year}" },
  "period.year": { message: "{year}" },
  "frequency.week": { message: "a week" },
  "frequency.month": { message: "a month" },
  "frequency.quarter": { message: "a quarter" },
  "frequency.year": { message: "a year" },
  "verb.hold": { message: "held" },
  "verb.give": { message: "given" },
  "verb.carryOut": { message: "held" },
  "basis.officeMeetings": { message: "the township office's work-meeting rules" },
  "basis.localLectures": { message: "the local 三会一课 rules" },
  "basis.branchRules": { message: `${BRANCH_RULES_EN}, art. {article}` },
  "basis.setting": { message: "township setting settings.cadence.{type} = {value}" },
  "basis.dues": { message: `${DUES_RULES_EN}, art. {article}` },
  "dues.ruleShare": {
    message: "for {who} with a monthly income base of {base} yuan the rate is {rate}%, that is {due} yuan",
  },
  "dues.ruleFarmer": { message: "a farmer member pays 0.2 to 1 yuan a month" },
  "dues.ruleFixed": { message: "a {category} member pays 0.2 yuan a month" },
  "dues.employed": { message: "an employed member" },
  "dues.selfEmployed": { message: "a self-employed member (last quarter's average monthly net income)" },
  "dues.retired": { message: "a retired member" },
  "dues.thisMember": { message: "This member" },
  "dues.unpaidEnd": { message: "." },
  "dues.unpaidSixMonths": {
    message: `; nothing paid for {gap} months in a row: a member who without good reason pays no dues for six months in a row is regarded as having left the Party (${CHARTER_EN}, art. 9); the branch should find out why promptly.`,
  },
  "dues.unpaidTooLong": {
    message: `; late dues should generally be made up within 6 months (${DUES_RULES_EN}, art. 12); the branch should ask for them.`,
  },
  "month.one": { message: "month {month}" },
  "month.range": { message: "months {from}–{to}" },
  "article.2": { message: "2" },
  "article.4": { message: "4" },
  "article.5": { message: "5" },
  "article.6": { message: "6" },
  "article.11": { message: "11" },
  "article.12": { message: "12" },
  "article.13": { message: "13" },
  "article.16": { message: "16" },
  "article.17": { message: "17" },
  "article.18": { message: "18" },
} as const satisfies Readonly<Record<EngineKey, Entry>>;

export const engineMessages: Readonly<Record<Locale, Readonly<Record<EngineKey, Entry>>>> = {
  "zh-CN": zhCN,
  en,
};

/** The placeholders of a template: `"{a} 与 {b}"` → "a" | "b". */
type Placeholders<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
type EntryPlaceholders<E> =
  | (E extends { message: infer M } ? Placeholders<M> : never)
  | (E extends { hint: infer H } ? Placeholders<H> : never);

/** The params of a key: every placeholder of its templates, in either language. */
export type EngineParams<K extends EngineKey> = {
  [P in EntryPlaceholders<(typeof zhCN)[K]> | EntryPlaceholders<(typeof en)[K]>]: MessageParam;
};

/** A message of the engine's catalogue with its params: what a finding's text is made of. */
export interface EngineText extends MessageRef {
  key: EngineKey;
}

/** A message by key, its params checked against the templates: `msg("cell.required", { column })`. */
export function msg<K extends EngineKey>(
  key: K,
  ...params: keyof EngineParams<K> extends never ? [] : [EngineParams<K>]
): EngineText {
  const [p] = params;
  return p ? { key, params: p } : { key };
}

export function isEngineKey(key: string): key is EngineKey {
  return Object.hasOwn(zhCN, key);
}

const LIST_SEPARATOR: Record<Locale, string> = { "zh-CN": "、", en: ", " };

/** One param as text in the locale: a list joined as the language joins lists, a message rendered. */
export function paramText(value: MessageParam | undefined, locale: Locale): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map((v) => paramText(v, locale)).join(LIST_SEPARATOR[locale]);
  return render(value, locale)?.message ?? "";
}

/** A template split once into its text (even places) and its placeholders' names (odd places). */
const compiled = new Map<string, string[]>();

function fill(template: string, params: MessageRef["params"], locale: Locale): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out +=
      (params && Object.hasOwn(params, name) ? paramText(params[name], locale) : `{${name}}`) + parts[i + 1];
  }
  return out;
}

type Rendered = { message: string; hint?: string };
/** zh-CN renderings of texts the engine reuses (a column's memoised cell problems): one per text. */
const renderedZh = new WeakMap<EngineText, Rendered>();

/** A message of the catalogue in the locale. */
export function renderText(text: EngineText, locale: Locale): Rendered {
  const cached = locale === "zh-CN" ? renderedZh.get(text) : undefined;
  if (cached) return cached;
  const entry = engineMessages[locale][text.key];
  const message = fill(entry.message, text.params, locale);
  const out =
    entry.hint === undefined ? { message } : { message, hint: fill(entry.hint, text.params, locale) };
  if (locale === "zh-CN") renderedZh.set(text, out);
  return out;
}

/** A keyed message in the locale; null for a key the catalogue does not have (a newer server's). */
export function render(text: MessageRef, locale: Locale): { message: string; hint?: string } | null {
  const key = text.key;
  return isEngineKey(key) ? renderText({ key, params: text.params }, locale) : null;
}

/** A finding without its text: what a rule knows before it says anything. */
export type FindingPlace = Omit<Finding, "message" | "hint" | "key" | "params">;

/**
 * A finding with its keyed message: `message` and `hint` in zh-CN (the contract), then `key` and
 * `params` for a client that shows another language.
 */
export function keyedFinding(place: FindingPlace, text: EngineText): Finding {
  const { message, hint } = renderText(text, "zh-CN");
  const { code, severity, sheet, cell, row, column } = place;
  const finding: Finding = { code, severity, sheet, cell, row, column, message };
  if (hint !== undefined) finding.hint = hint;
  if (place.period !== undefined) finding.period = place.period;
  if (place.subject !== undefined) finding.subject = place.subject;
  finding.key = text.key;
  if (text.params) finding.params = text.params;
  return finding;
}

/**
 * A finding's message and hint in the locale: rendered from its key where it has one the
 * catalogue knows, else the zh-CN text it carries.
 */
export function findingText(
  finding: { message: string; hint?: string; key?: string; params?: MessageRef["params"] },
  locale: Locale,
): { message: string; hint?: string } {
  const rendered =
    locale === "zh-CN" || !finding.key ? null : render({ key: finding.key, params: finding.params }, locale);
  if (rendered) return rendered;
  return finding.hint === undefined
    ? { message: finding.message }
    : { message: finding.message, hint: finding.hint };
}
