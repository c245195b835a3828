/**
 * The 催报 texts the Worker posts to group robots (worker/robots/), zh-CN (what is sent) and en.
 * A message names a unit (a branch or 镇党建办), ledger titles, periods and counts: nothing about a person.
 */
import { catalogueText, type Locale } from "./pane";

const zhCN = {
  before:
    "【催报提醒】{unit}：以下 {count} 项台账请于 {due} 前通过台账通报送：\n{items}\n已报送的请忽略，谢谢配合！——{township}党建办",
  due: "【催报提醒】{unit}：今天（{due}）是报送截止日，以下 {count} 项台账尚未报送：\n{items}\n请今天内通过台账通报送，谢谢配合！——{township}党建办",
  after:
    "【逾期提醒】{unit}：以下 {count} 项台账已过报送截止日（{due}），尚未报送：\n{items}\n请尽快通过台账通报送，谢谢配合！——{township}党建办",
  item: "{title}（{period}）",
  itemReturned: "{title}（{period}，已退回，请按意见修改后重报）",
  more: "……另有 {count} 项，请在台账通“报送情况”中查看",
  test: "【测试消息】台账通已接通本群机器人“{robot}”，今后的催报提醒将发到这里。——{township}党建办",
};

const en: Record<keyof typeof zhCN, string> = {
  before:
    "[Reminder] {unit}: please submit these {count} ledgers through Ledgerline by {due}:\n{items}\nIgnore this if already submitted. Thank you! — {township} party-building office",
  due: "[Reminder] {unit}: today ({due}) is the deadline; these {count} ledgers are not in yet:\n{items}\nPlease submit them through Ledgerline today. Thank you! — {township} party-building office",
  after:
    "[Overdue] {unit}: these {count} ledgers were due on {due} and are not in yet:\n{items}\nPlease submit them through Ledgerline soon. Thank you! — {township} party-building office",
  item: "{title} ({period})",
  itemReturned: "{title} ({period}, returned: please revise and resubmit)",
  more: "…and {count} more: see 报送情况 in Ledgerline",
  test: "[Test] Ledgerline is connected to this group's robot “{robot}”; reminders will arrive here. — {township} party-building office",
};

export type ReminderMessageKey = keyof typeof zhCN;
export const reminderMessages: Record<Locale, Record<ReminderMessageKey, string>> = { "zh-CN": zhCN, en };

export const reminderMessage = catalogueText(reminderMessages);
