/** The CLI's user-visible strings, zh-CN (default) and en. */
import type { Locale } from "./pane";

export type CliLang = "zh-CN" | "en";

/** A sentence set inside brackets within another sentence: its own final 。 dropped (“…（未找到该报送）。”). */
const clause = (detail: string) => detail.replace(/[。．.]+$/u, "");

export interface CliMessages {
  /** The language findings and figures are shown in. */
  locale: Locale;
  usage: string;
  usageLine: string;
  unknownCommand(cmd: string): string;
  badArguments(detail: string): string;
  missingOption(option: string): string;
  missingFiles: string;
  badDate(option: string, value: string): string;
  badYear(value: string): string;
  askXlsx(file: string): string;
  notFound(file: string): string;
  notAFile(file: string): string;
  notXlsx(file: string): string;
  encrypted(file: string): string;
  tooLarge(file: string, mb: number): string;
  bombRatio(file: string, ratio: number): string;
  tooSlow(file: string, seconds: number): string;
  unreadable(file: string, detail: string): string;
  internalError(detail: string): string;
  registryBad(file: string, detail: string): string;
  writeFailed(file: string, detail: string): string;
  unknownKind(kind: string, known: string): string;
  severity: { error: string; warning: string; info: string };
  sheetHeading(
    sheet: string,
    kind: string,
    headerRow: number,
    rows: number,
    errors: number,
    warnings: number,
  ): string;
  unknownSheetHeading(sheet: string): string;
  hintPrefix: string;
  rowLabel(row: number): string;
  /** A finding's period and subject after its message, when the message does not name them. */
  aside(text: string): string;
  noFindings: string;
  totals(files: number, sheets: number, errors: number, warnings: number): string;
  summaryHeading(sheet: string, kind: string, rows: number): string;
  periodLabel(period: string | null): string;
  figureLine(label: string, value: string): string;
  annotated(out: string, cells: number, findings: number): string;
  readingProgress(file: string, percent: number): string;
  templateWritten(out: string, title: string): string;
  networkFailed(server: string, detail: string): string;
  authFailed(server: string): string;
  forbidden(server: string, detail: string): string;
  serverError(server: string, status: number, detail: string): string;
  submitRefused(file: string, sheet: string, errors: number): string;
  submitRejected(file: string, sheet: string, detail: string): string;
  sameAsReturned(file: string, sheet: string, version: number, comment: string): string;
  unchanged(file: string, sheet: string, version: number): string;
  superseded(file: string, sheet: string, version: number, current: number | null): string;
  rekeyed(
    file: string,
    sheet: string,
    ids: number,
    updated: number,
    done: boolean,
    remaining: string,
  ): string;
  periodUnknown(file: string, sheet: string): string;
  submitSkipped(file: string, sheet: string): string;
  receipt(
    file: string,
    sheet: string,
    kind: string,
    period: string,
    receiptNo: number,
    id: string,
    version: number,
    rows: number,
    warnings: number,
  ): string;
  nothingToSubmit(file: string): string;
  statusHeading(year: string): string;
  statusLegend: string;
  statusCell: { submitted: string; returned: string; missing: string; late: string; pending: string };
  statusMissing(count: number): string;
  exported(out: string, kinds: number, rows: number): string;
  badQuarter(value: string): string;
  reported(out: string, title: string): string;
  // issue 12b: status with the 退回意见, and return
  statusRow(
    label: string,
    c: { submitted: number; late: number; returned: number; missing: number; pending: number },
  ): string;
  statusKind(title: string, cells: string): string;
  statusReturnedLine(title: string, period: string, version: number | null, comment: string): string;
  returned(kind: string, scope: string, period: string, version: number, comment: string, at: string): string;
}

const zh: CliMessages = {
  locale: "zh-CN",
  usage: [
    "用法：ledgerline <命令> [参数]",
    "  validate FILE… [--json] [--as-of YYYY-MM-DD] [--registry FILE] [--branch 支部]   校验台账（--branch：按该支部报送来校验）",
    "  summarize FILE… [--json] [--as-of …] [--registry …]              汇总数字",
    "  annotate FILE --out OUT.xlsx [--as-of …] [--registry …]          生成带标注的副本",
    "  template KIND --out FILE.xlsx [--year YYYY] [--registry FILE]     生成空白台账模板",
    "  submit FILE --server URL --token TOKEN [--period P]              校验后报送",
    "  status --server URL --token TOKEN [--year YYYY]                  报送情况（含退回意见）",
    "  return --server URL --token TOKEN --id ID --comment 意见          退回一份报送（党建办），支部在报送情况中看到意见",
    "  export --server URL --token TOKEN --year YYYY --out FILE.xlsx    导出全镇汇总",
    "  report --server URL --token TOKEN --year YYYY [--quarter 1-4] [--branch 支部] --out FILE.docx   生成季总结 / 年盘点初稿（Word）",
    "  rekey FILE… --server URL --token TOKEN                           更换身份证号加密密钥时上传花名册（镇党建办）",
  ].join("\n"),
  usageLine:
    "用法：ledgerline validate|summarize|annotate|template|submit|status|return|export|report|rekey …（ledgerline --help 查看详细说明）",
  unknownCommand: (cmd) => `未知命令“${cmd}”。`,
  badArguments: (detail) => `参数有误：${detail}`,
  missingOption: (option) => `缺少参数 ${option}。`,
  missingFiles: "请至少指定一个 .xlsx 文件。",
  badDate: (option, value) => `${option} 的值“${value}”不是有效日期，应为 YYYY-MM-DD。`,
  badYear: (value) => `--year 的值“${value}”不是有效年份，应为 YYYY。`,
  askXlsx: (file) => `${file}：请另存为 .xlsx 格式后再校验。`,
  notFound: (file) => `${file}：找不到该文件。`,
  notAFile: (file) => `${file}：不是文件。`,
  notXlsx: (file) => `${file}：不是有效的 .xlsx 文件（文件已损坏或不是 Excel 工作簿），无法读取。`,
  encrypted: (file) => `${file}：文件已加密或是旧版 Excel 格式，请取消密码并另存为 .xlsx 格式后再校验。`,
  tooLarge: (file, mb) => `${file}：文件解压后约 ${mb} MB，超过 500 MB 的上限，已拒绝读取。`,
  bombRatio: (file, ratio) => `${file}：文件压缩比异常（约 ${ratio} 倍），疑似恶意文件，已拒绝读取。`,
  tooSlow: (file, seconds) =>
    `${file}：读取超过 ${seconds} 秒仍未完成，已放弃。请用 Excel 或 WPS 打开后重新另存为 .xlsx 再试。`,
  unreadable: (file, detail) => `${file}：无法读取（${clause(detail)}）。`,
  internalError: (detail) => `台账通内部错误（${clause(detail)}），请把这行信息发给维护人员。`,
  registryBad: (file, detail) => `${file}：不是有效的名册文件（${clause(detail)}）。`,
  writeFailed: (file, detail) => `${file}：无法写入（${clause(detail)}）。`,
  unknownKind: (kind, known) => `没有名为“${kind}”的台账类型。可用的类型：${known}`,
  severity: { error: "错误", warning: "警告", info: "提示" },
  sheetHeading: (sheet, kind, headerRow, rows, errors, warnings) =>
    `【${sheet}】${kind}，表头在第 ${headerRow} 行，${rows} 行数据：${errors} 个错误，${warnings} 个警告`,
  unknownSheetHeading: (sheet) => `【${sheet}】未识别的工作表，未作校验`,
  hintPrefix: "建议：",
  rowLabel: (row) => `第${row}行`,
  aside: (text) => `（${text}）`,
  noFindings: "未发现问题。",
  totals: (files, sheets, errors, warnings) =>
    `合计：${files} 个文件，${sheets} 张工作表，${errors} 个错误，${warnings} 个警告。`,
  summaryHeading: (sheet, kind, rows) => `【${sheet}】${kind}，${rows} 行数据`,
  periodLabel: (period) => (period ? `周期：${period}` : "周期：无法推断"),
  figureLine: (label, value) => `${label}：${value}`,
  annotated: (out, cells, findings) => `已写入 ${out}：标注了 ${cells} 个单元格，共 ${findings} 条校验结果。`,
  readingProgress: (file, percent) => `正在读取 ${file} … ${percent}%`,
  templateWritten: (out, title) => `已写入 ${out}：空白${title}模板。`,
  networkFailed: (server, detail) => `${server}：无法连接服务器（${clause(detail)}）。`,
  authFailed: (server) => `${server}：令牌无效或已被撤销，请向镇党建办索取新令牌。`,
  forbidden: (server, detail) => `${server}：没有权限（${clause(detail)}）。`,
  serverError: (server, status, detail) => `${server}：服务器返回错误 ${status}（${clause(detail)}）。`,
  submitRefused: (file, sheet, errors) =>
    `${file}【${sheet}】：有 ${errors} 个错误，未提交。请先改正后再提交（用 validate --branch 查看每处错误）。`,
  submitRejected: (file, sheet, detail) => `${file}【${sheet}】：服务器拒绝提交（${clause(detail)}）。`,
  sameAsReturned: (file, sheet, version, comment) =>
    `${file}【${sheet}】：与已退回的第 ${version} 版内容相同（退回意见：${comment}），请按意见修改后再提交。`,
  unchanged: (file, sheet, version) => `${file}【${sheet}】：与当前第 ${version} 版相同，无需重复提交。`,
  superseded: (file, sheet, version, current) =>
    `${file}【${sheet}】：第 ${version} 版已不是当前版本${current === null ? "" : `（当前为第 ${current} 版）`}，本次提交未成为当前版本，请核对后重新提交。`,
  rekeyed: (file, sheet, ids, updated, done, remaining) =>
    `${file}【${sheet}】：读取 ${ids} 个身份证号，更新 ${updated} 条记录；${done ? "密钥更换已完成。" : `尚待更新：${remaining}。`}`,
  periodUnknown: (file, sheet) =>
    `${file}【${sheet}】：无法判断所属周期（年度或月份），请用 --period 指定，如 --period 2025 或 --period 2025-09。`,
  submitSkipped: (file, sheet) => `${file}【${sheet}】：不是可识别的台账，已跳过。`,
  receipt: (file, sheet, kind, period, receiptNo, id, version, rows, warnings) =>
    `${file}【${sheet}】：已提交 ${kind} ${period}，回执号 ${receiptNo}（编号 ${id}），第 ${version} 版，${rows} 行，${warnings} 个警告。`,
  nothingToSubmit: (file) => `${file}：没有可提交的台账。`,
  statusHeading: (year) => `${year} 年报送情况`,
  statusLegend: "✓ 已报　! 逾期报送　↩ 已退回　✗ 未报（已过期限）　… 未到期",
  statusCell: { submitted: "✓", returned: "↩", missing: "✗", late: "!", pending: "…" },
  statusMissing: (count) => `共 ${count} 项未报送或逾期。`,
  exported: (out, kinds, rows) => `已写入 ${out}：${kinds} 类台账，共 ${rows} 行，另含汇总表和图表。`,
  badQuarter: (value) => `--quarter 的值“${value}”不是有效季度，应为 1、2、3 或 4。`,
  reported: (out, title) => `已写入 ${out}：${title}。标有【请补充】处请补写后再上报。`,
  // issue 12b: status with the 退回意见, and return
  statusRow: (label, c) =>
    `${label}：已报 ${c.submitted}，逾期报送 ${c.late}，已退回 ${c.returned}，未报 ${c.missing}，未到期 ${c.pending}`,
  statusKind: (title, cells) => `  ${title}：${cells}`,
  statusReturnedLine: (title, period, version, comment) =>
    `    ↩ ${title} ${period}${version === null ? "" : ` 第 ${version} 版`} 退回意见：${comment}`,
  returned: (kind, scope, period, version, comment, at) =>
    `已退回 ${scope} 的 ${kind} ${period} 第 ${version} 版（${at} 北京时间），退回意见：${comment}`,
};

const en: CliMessages = {
  locale: "en",
  usage: [
    "Usage: ledgerline <command> [options]",
    "  validate FILE… [--json] [--as-of YYYY-MM-DD] [--registry FILE] [--branch NAME]   validate ledgers (--branch: as that branch's submission)",
    "  summarize FILE… [--json] [--as-of …] [--registry …]              summary figures",
    "  annotate FILE --out OUT.xlsx [--as-of …] [--registry …]          annotated copy",
    "  template KIND --out FILE.xlsx [--year YYYY] [--registry FILE]     blank ledger",
    "  submit FILE --server URL --token TOKEN [--period P]              validate and submit",
    "  status --server URL --token TOKEN [--year YYYY]                  submission matrix, with return comments",
    "  return --server URL --token TOKEN --id ID --comment TEXT         return a submission (office); the branch sees the comment",
    "  export --server URL --token TOKEN --year YYYY --out FILE.xlsx    consolidated workbook",
    "  report --server URL --token TOKEN --year YYYY [--quarter 1-4] [--branch NAME] --out FILE.docx   quarterly / yearly report draft (Word)",
    "  rekey FILE… --server URL --token TOKEN                           upload rolls after the ID key changed (office)",
  ].join("\n"),
  usageLine:
    "Usage: ledgerline validate|summarize|annotate|template|submit|status|return|export|report|rekey … (ledgerline --help for details)",
  unknownCommand: (cmd) => `Unknown command "${cmd}".`,
  badArguments: (detail) => `Bad arguments: ${detail}`,
  missingOption: (option) => `Missing ${option}.`,
  missingFiles: "Name at least one .xlsx file.",
  badDate: (option, value) => `${option} "${value}" is not a date (YYYY-MM-DD).`,
  badYear: (value) => `--year "${value}" is not a year (YYYY).`,
  askXlsx: (file) => `${file}: please save it as .xlsx (请另存为 .xlsx 格式) and validate again.`,
  notFound: (file) => `${file}: file not found.`,
  notAFile: (file) => `${file}: not a file.`,
  notXlsx: (file) => `${file}: not a valid .xlsx file (corrupt or not an Excel workbook).`,
  encrypted: (file) =>
    `${file}: the file is encrypted or in the old Excel format; remove the password and save as .xlsx.`,
  tooLarge: (file, mb) => `${file}: about ${mb} MB uncompressed, above the 500 MB limit; refused.`,
  bombRatio: (file, ratio) => `${file}: suspicious compression ratio (about ${ratio}×); refused.`,
  tooSlow: (file, seconds) =>
    `${file}: reading did not finish within ${seconds} s; re-save it as .xlsx in Excel or WPS and retry.`,
  unreadable: (file, detail) => `${file}: cannot be read (${detail}).`,
  internalError: (detail) => `Internal error (${detail}); please send this line to the maintainers.`,
  registryBad: (file, detail) => `${file}: not a valid registry file (${detail}).`,
  writeFailed: (file, detail) => `${file}: cannot be written (${detail}).`,
  unknownKind: (kind, known) => `No ledger kind "${kind}". Kinds: ${known}`,
  severity: { error: "error", warning: "warning", info: "info" },
  sheetHeading: (sheet, kind, headerRow, rows, errors, warnings) =>
    `[${sheet}] ${kind}, header on row ${headerRow}, ${rows} data rows: ${errors} errors, ${warnings} warnings`,
  unknownSheetHeading: (sheet) => `[${sheet}] not a recognised ledger; not validated`,
  hintPrefix: "Fix: ",
  rowLabel: (row) => `row ${row}`,
  aside: (text) => ` (${text})`,
  noFindings: "No problems found.",
  totals: (files, sheets, errors, warnings) =>
    `Total: ${files} files, ${sheets} sheets, ${errors} errors, ${warnings} warnings.`,
  summaryHeading: (sheet, kind, rows) => `[${sheet}] ${kind}, ${rows} data rows`,
  periodLabel: (period) => (period ? `Period: ${period}` : "Period: cannot be inferred"),
  figureLine: (label, value) => `${label}: ${value}`,
  annotated: (out, cells, findings) => `Wrote ${out}: ${cells} cells marked, ${findings} findings listed.`,
  readingProgress: (file, percent) => `Reading ${file} … ${percent}%`,
  templateWritten: (out, title) => `Wrote ${out}: a blank ${title}.`,
  networkFailed: (server, detail) => `${server}: cannot reach the server (${detail}).`,
  authFailed: (server) => `${server}: the token is invalid or revoked.`,
  forbidden: (server, detail) => `${server}: not allowed (${detail}).`,
  serverError: (server, status, detail) => `${server}: server error ${status} (${detail}).`,
  submitRefused: (file, sheet, errors) =>
    `${file} [${sheet}]: ${errors} errors; not submitted. Fix them first (validate --branch lists them).`,
  submitRejected: (file, sheet, detail) =>
    `${file} [${sheet}]: the server refused the submission (${detail}).`,
  sameAsReturned: (file, sheet, version, comment) =>
    `${file} [${sheet}]: identical to version ${version}, which was returned (${comment}); revise it before submitting again.`,
  unchanged: (file, sheet, version) =>
    `${file} [${sheet}]: identical to the current version ${version}; nothing to submit again.`,
  superseded: (file, sheet, version, current) =>
    `${file} [${sheet}]: version ${version} is no longer current${current === null ? "" : ` (version ${current} is)`}; check and submit again.`,
  rekeyed: (file, sheet, ids, updated, done, remaining) =>
    `${file} [${sheet}]: ${ids} ID numbers read, ${updated} records updated; ${done ? "the change of key is complete." : `still to update: ${remaining}.`}`,
  periodUnknown: (file, sheet) =>
    `${file} [${sheet}]: cannot infer the period; pass --period (e.g. 2025 or 2025-09).`,
  submitSkipped: (file, sheet) => `${file} [${sheet}]: not a recognised ledger; skipped.`,
  receipt: (file, sheet, kind, period, receiptNo, id, version, rows, warnings) =>
    `${file} [${sheet}]: submitted ${kind} ${period}, receipt No. ${receiptNo} (id ${id}), version ${version}, ${rows} rows, ${warnings} warnings.`,
  nothingToSubmit: (file) => `${file}: nothing to submit.`,
  statusHeading: (year) => `Submissions for ${year}`,
  statusLegend: "✓ submitted  ! submitted late  ↩ returned  ✗ missing (past due)  … not yet due",
  statusCell: { submitted: "✓", returned: "↩", missing: "✗", late: "!", pending: "…" },
  statusMissing: (count) => `${count} missing or late.`,
  exported: (out, kinds, rows) =>
    `Wrote ${out}: ${kinds} kinds, ${rows} rows, plus a summary sheet with charts.`,
  badQuarter: (value) => `--quarter "${value}" is not a quarter (1, 2, 3 or 4).`,
  reported: (out, title) => `Wrote ${out}: ${title}. Fill in every 【请补充】 before it goes to the county.`,
  // issue 12b: status with the 退回意见, and return
  statusRow: (label, c) =>
    `${label}: ${c.submitted} submitted, ${c.late} late, ${c.returned} returned, ${c.missing} missing, ${c.pending} not yet due`,
  statusKind: (title, cells) => `  ${title}: ${cells}`,
  statusReturnedLine: (title, period, version, comment) =>
    `    ↩ ${title} ${period}${version === null ? "" : ` version ${version}`} returned: ${comment}`,
  returned: (kind, scope, period, version, comment, at) =>
    `Returned ${kind} ${period} version ${version} of ${scope} (${at} Beijing time): ${comment}`,
};

export const CLI_MESSAGES: Record<CliLang, CliMessages> = { "zh-CN": zh, en };

export function cliMessages(lang: string | undefined): CliMessages {
  return lang && /^en/i.test(lang) ? en : zh;
}
