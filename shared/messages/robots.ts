/**
 * The 群机器人 admin view's strings (addin/app/RobotsView.tsx), zh-CN and en: apart from pane.ts
 * so that they load with the view, when an admin opens it, not on the page's first screen.
 */
import { catalogueText, type Locale } from "./pane";

const zhCN = {
  robotsTitle: "群机器人（定时催报）",
  robotsIntro:
    "每天 9:00（北京时间）起，在每月报送截止日（{day} 日）的前 3 天、当天、后 1 天和后 7 天，把各单位尚未报送的台账发到下列群里。",
  robotName: "名称",
  robotKind: "类型",
  robotKindWecom: "企业微信群机器人",
  robotKindDingtalk: "钉钉自定义机器人",
  robotKindFeishu: "飞书自定义机器人",
  robotAudience: "发给",
  robotAudienceAll: "全部单位",
  robotWebhook: "Webhook 地址",
  robotSecret: "签名密钥（钉钉“加签”、飞书“签名校验”）",
  robotHasSecret: "已设密钥",
  robotNoSecret: "无密钥",
  robotUnreadable: "服务器密钥已更换，请删除后重新添加",
  robotsNotConfigured:
    "服务器尚未配置群机器人密钥（ROBOTS_KEY），暂不能添加或使用群机器人。设置方法见 README“定时催报”一节。",
  robotAdd: "添加机器人",
  robotAdded: "已添加群机器人“{robot}”。",
  robotTest: "发送测试消息",
  robotTestOk: "测试消息已发到“{robot}”，请到群里查看。",
  robotTestFailed: "“{robot}”没有收到测试消息：{reason}",
  robotEnabled: "启用中",
  robotDisabled: "已停用",
  robotEnable: "启用",
  robotDisable: "停用",
  robotDelete: "删除",
  robotDeleteConfirm: "确认删除",
  robotDeleted: "已删除群机器人“{robot}”。",
  robotSends: "最近发送",
  robotSendDue: "截止日",
  robotSendStep: "提醒",
  robotSendState: "结果",
  robotSendAttempts: "次数",
  robotStepBefore3: "前 3 天",
  robotStepDue: "当天",
  robotStepAfter1: "逾期 1 天",
  robotStepAfter7: "逾期 7 天",
  robotSendSent: "已发送",
  robotSendFailed: "失败，稍后重试",
  robotSendSending: "发送中",
  robotSendCancelled: "已取消（已报送）",
  robotSendExpired: "已放弃（超过 24 小时）",
};

const en: Record<RobotsMessageKey, string> = {
  robotsTitle: "Group robots (scheduled reminders)",
  robotsIntro:
    "From 09:00 Beijing time, 3 days before, on, 1 day after and 7 days after each month's due day (day {day}), the ledgers each unit still owes are posted to these groups.",
  robotName: "Name",
  robotKind: "Type",
  robotKindWecom: "WeCom group robot",
  robotKindDingtalk: "DingTalk custom robot",
  robotKindFeishu: "Feishu custom robot",
  robotAudience: "For",
  robotAudienceAll: "Every unit",
  robotWebhook: "Webhook address",
  robotSecret: "Signing secret (DingTalk 加签, Feishu 签名校验)",
  robotHasSecret: "secret set",
  robotNoSecret: "no secret",
  robotUnreadable: "The server's key changed: delete and add it again",
  robotsNotConfigured:
    "The server has no robots key (ROBOTS_KEY) yet, so group robots cannot be added or used. The README's 定时催报 section says how to set it.",
  robotAdd: "Add robot",
  robotAdded: "Group robot “{robot}” added.",
  robotTest: "Send test message",
  robotTestOk: "Test message sent to “{robot}”; check the group.",
  robotTestFailed: "“{robot}” did not take the test message: {reason}",
  robotEnabled: "on",
  robotDisabled: "off",
  robotEnable: "Turn on",
  robotDisable: "Turn off",
  robotDelete: "Delete",
  robotDeleteConfirm: "Really delete",
  robotDeleted: "Group robot “{robot}” deleted.",
  robotSends: "Latest reminders",
  robotSendDue: "Due",
  robotSendStep: "Step",
  robotSendState: "Outcome",
  robotSendAttempts: "Attempts",
  robotStepBefore3: "3 days before",
  robotStepDue: "due day",
  robotStepAfter1: "1 day late",
  robotStepAfter7: "7 days late",
  robotSendSent: "sent",
  robotSendFailed: "failed, will retry",
  robotSendSending: "sending",
  robotSendCancelled: "cancelled (submitted)",
  robotSendExpired: "given up (after 24 hours)",
};

export type RobotsMessageKey = keyof typeof zhCN;
export const robotsMessages: Record<Locale, Record<RobotsMessageKey, string>> = { "zh-CN": zhCN, en };

export const robotsText = catalogueText(robotsMessages);
