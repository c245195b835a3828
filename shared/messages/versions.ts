/**
 * The 版本记录 view's strings (addin/app/registry/RegistryVersions.tsx and its 重新校验 section,
 * RegistryRejudge.tsx), zh-CN and en: apart from
 * pane.ts so that they load with the view, when the office opens it, not on the page's first screen.
 */
import { catalogueText, type Locale } from "./pane";

const zhCN = {
  versionsIntro: "名单每保存一次就记为一版，这里列出每一版改了什么，最新的在最前。",
  versionsRefresh: "刷新",
  versionsLoading: "正在读取版本记录…",
  versionsOffline: "当前处于离线状态，版本记录需要联网后才能查看。",
  versionsForbidden: "版本记录只有管理员和党建办可以查看。",
  versionsFailed: "未能读取版本记录：{reason}",
  versionsEmpty: "名单还没有在服务器上保存过，暂无版本记录。",
  versionNumber: "第 {version} 版",
  versionCurrent: "当前",
  versionMeta: "{time}（北京时间）· {who}",
  versionNobody: "未记录保存人",
  versionNoChanges: "与上一版相比没有改动。",
  versionMore: "展开其余 {count} 条",
  versionLess: "收起",
  rejudgeTitle: "按现行登记信息重新校验",
  rejudgeIntro:
    "修改报送频次、节假日等登记信息后，已提交台账的警告和统计数字仍是按原来的登记信息得出的。可以先预览重新校验后哪些台账的结论会变化，确认后才会保存。",
  rejudgeYear: "年度",
  rejudgePreview: "预览",
  rejudgeApply: "确认保存",
  rejudgeCancel: "取消",
  rejudgePreviewing: "正在重新校验 {year} 年的台账，请稍候…",
  rejudgeApplying: "正在保存 {year} 年重新校验的结论，请稍候…",
  rejudgeOffline: "当前处于离线状态，联网后才能重新校验。",
  rejudgeChanged: "结论会变化的台账（{count} 份）",
  rejudgeSkipped: "无法重新校验的台账（{count} 份）",
  rejudgeErrors: "错误 {before} → {after}",
  rejudgeWarnings: "警告 {before} → {after}",
  rejudgeCount: "{name} {before} → {after}",
  rejudgeConflict: "重新校验期间登记信息已被修改，本次未保存任何结论；请重新预览后再确认。",
  rejudgeFailed: "未能重新校验：{reason}",
  restoreButton: "恢复为此版",
  restoreLoading: "正在读取第 {version} 版…",
  restoreTitle: "恢复为第 {version} 版",
  restoreDiff: "恢复后与当前相比：",
  restoreSame: "与当前版本相同，无需恢复。",
  restoreUnreadable:
    "这一版的登记信息不符合现行的格式要求，无法与当前比较；确认恢复时服务器会指出需要修改之处。",
  restoreConfirm: "确认恢复",
  restoreCancel: "取消",
  restoreSaving: "正在恢复为第 {version} 版，请稍候…",
  restoreOffline: "当前处于离线状态，联网后才能恢复。",
  restoreFailed: "未能恢复，登记信息没有改动：{reason}",
  restoreDone: "已恢复为第 {from} 版，保存为第 {version} 版。",
  restoreRejudge:
    "已提交台账的结论仍是按原来的登记信息得出的，可以在上方“按现行登记信息重新校验”中预览并重新校验。",
};

const en: Record<VersionsMessageKey, string> = {
  versionsIntro: "Each save of the registry is a version; here is what each one changed, newest first.",
  versionsRefresh: "Refresh",
  versionsLoading: "Reading the registry versions…",
  versionsOffline: "You are offline; the registry versions can be read once you are back online.",
  versionsForbidden: "Only the admin and the party-building office may read the registry versions.",
  versionsFailed: "Could not read the registry versions: {reason}",
  versionsEmpty: "The registry has not been saved on the server yet, so there are no versions.",
  versionNumber: "Version {version}",
  versionCurrent: "current",
  versionMeta: "{time} Beijing time · {who}",
  versionNobody: "saved by: not recorded",
  versionNoChanges: "No changes from the version before.",
  versionMore: "Show the other {count}",
  versionLess: "Show fewer",
  rejudgeTitle: "Judge again with the current registry",
  rejudgeIntro:
    "After a change to the registry (a frequency, a holiday week), the warnings and figures of submitted ledgers are still those judged with the registry before. Preview which conclusions would change; nothing is saved until you confirm.",
  rejudgeYear: "Year",
  rejudgePreview: "Preview",
  rejudgeApply: "Confirm and save",
  rejudgeCancel: "Cancel",
  rejudgePreviewing: "Judging the ledgers of {year} again, please wait…",
  rejudgeApplying: "Saving the new conclusions for {year}, please wait…",
  rejudgeOffline: "You are offline; ledgers can be judged again once you are back online.",
  rejudgeChanged: "Ledgers whose conclusion would change ({count})",
  rejudgeSkipped: "Ledgers that cannot be judged again ({count})",
  rejudgeErrors: "errors {before} → {after}",
  rejudgeWarnings: "warnings {before} → {after}",
  rejudgeCount: "{name} {before} → {after}",
  rejudgeConflict:
    "The registry was changed while the ledgers were judged again; nothing was saved. Please preview again before confirming.",
  rejudgeFailed: "Could not judge the ledgers again: {reason}",
  restoreButton: "Restore this version",
  restoreLoading: "Reading version {version}…",
  restoreTitle: "Restore version {version}",
  restoreDiff: "After restoring, compared with the current version:",
  restoreSame: "Same as the current version; nothing to restore.",
  restoreUnreadable:
    "This version does not meet today's registry format and cannot be compared; on confirming, the server will say what needs changing.",
  restoreConfirm: "Confirm restore",
  restoreCancel: "Cancel",
  restoreSaving: "Restoring version {version}, please wait…",
  restoreOffline: "You are offline; a version can be restored once you are back online.",
  restoreFailed: "Could not restore; the registry is unchanged: {reason}",
  restoreDone: "Version {from} restored, saved as version {version}.",
  restoreRejudge:
    "Submitted ledgers keep the conclusions judged with the registry before; preview and judge them again under “Judge again with the current registry” above.",
};

export type VersionsMessageKey = keyof typeof zhCN;
export const versionsMessages: Record<Locale, Record<VersionsMessageKey, string>> = { "zh-CN": zhCN, en };

export const versionsText = catalogueText(versionsMessages);
