/**
 * The 版本记录 view's strings (addin/app/registry/RegistryVersions.tsx), zh-CN and en: apart from
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
};

export type VersionsMessageKey = keyof typeof zhCN;
export const versionsMessages: Record<Locale, Record<VersionsMessageKey, string>> = { "zh-CN": zhCN, en };

export const versionsText = catalogueText(versionsMessages);
