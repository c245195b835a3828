/**
 * 群机器人 (admin): the group robots the scheduled 催报 posts to — add one with its webhook and
 * signing secret (never shown again: the server answers a masked address), 发送测试消息, turn it
 * off or on, delete it; and the latest reminders with their outcome.
 */
import { useState } from "react";
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { OFFICE_LABEL, OFFICE_SCOPE, type RobotKind } from "../../shared/api";
import { robotsText, type RobotsMessageKey } from "../../shared/messages/robots";
import type { Registry } from "../../shared/registry";
import { dueDay } from "../../shared/settings";
import type { Api, Robot, RobotList } from "../api";
import { useI18n } from "./i18n";
import { NoticeBar, useServerList } from "./useServerList";

const KIND_LABEL: Record<RobotKind, RobotsMessageKey> = {
  wecom: "robotKindWecom",
  dingtalk: "robotKindDingtalk",
  feishu: "robotKindFeishu",
};
const STEP_LABEL: Record<string, RobotsMessageKey> = {
  "before-3": "robotStepBefore3",
  due: "robotStepDue",
  "after-1": "robotStepAfter1",
  "after-7": "robotStepAfter7",
};
const STATE_LABEL: Record<RobotList["sends"][number]["state"], RobotsMessageKey> = {
  sent: "robotSendSent",
  failed: "robotSendFailed",
  sending: "robotSendSending",
  cancelled: "robotSendCancelled",
  expired: "robotSendExpired",
};

export function RobotsView({ api, registry }: { api: Api; registry: Registry }) {
  const { locale } = useI18n();
  const t = (key: RobotsMessageKey, vars?: Readonly<Record<string, string | number>>) =>
    robotsText(locale, key, vars);
  const { list, refresh, notice, setNotice, fail } = useServerList<RobotList>(api, (a) => a.robots(), {
    configured: true,
    robots: [],
    sends: [],
  });
  const [name, setName] = useState("");
  const [kind, setKind] = useState<RobotKind>("wecom");
  const [audience, setAudience] = useState("all");
  const [webhook, setWebhook] = useState("");
  const [secret, setSecret] = useState("");
  /** The robot whose 删除 was clicked once: a second click deletes it. */
  const [deleting, setDeleting] = useState<string | null>(null);

  const audienceLabel = (a: string) =>
    a === "all" ? t("robotAudienceAll") : a === OFFICE_SCOPE ? OFFICE_LABEL : a;
  const robotName = (id: string) => list.robots.find((r) => r.id === id)?.name ?? id;

  const add = async () => {
    if (!name.trim() || !webhook.trim()) return;
    const answer = await api.addRobot({
      name: name.trim(),
      kind,
      audience,
      webhook: webhook.trim(),
      ...(kind !== "wecom" && secret.trim() ? { secret: secret.trim() } : {}),
      enabled: true,
    });
    if (!answer.ok) return fail(answer.failure);
    // The address and secret leave the pane's memory once the server has them.
    setName("");
    setWebhook("");
    setSecret("");
    setNotice({ intent: "success", text: t("robotAdded", { robot: answer.value.name }) });
    await refresh();
  };
  const test = async (robot: Robot) => {
    const answer = await api.testRobot(robot.id);
    if (!answer.ok) return fail(answer.failure);
    setNotice(
      answer.value.ok
        ? { intent: "success", text: t("robotTestOk", { robot: robot.name }) }
        : {
            intent: "error",
            text: t("robotTestFailed", { robot: robot.name, reason: answer.value.error ?? "" }),
          },
    );
  };
  const toggle = async (robot: Robot) => {
    const answer = await api.putRobot(robot.id, {
      name: robot.name,
      kind: robot.kind,
      audience: robot.audience,
      enabled: !robot.enabled,
    });
    if (!answer.ok) return fail(answer.failure);
    await refresh();
  };
  const remove = async (robot: Robot) => {
    if (deleting !== robot.id) return setDeleting(robot.id);
    setDeleting(null);
    const answer = await api.deleteRobot(robot.id);
    if (!answer.ok) return fail(answer.failure);
    setNotice({ intent: "success", text: t("robotDeleted", { robot: robot.name }) });
    await refresh();
  };

  return (
    <section aria-label={t("robotsTitle")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h3" weight="semibold" size={400}>
        {t("robotsTitle")}
      </Text>
      <Text size={200}>{t("robotsIntro", { day: dueDay(registry) })}</Text>
      {!list.configured && (
        <MessageBar intent="warning">
          <MessageBarBody>{t("robotsNotConfigured")}</MessageBarBody>
        </MessageBar>
      )}
      <NoticeBar notice={notice} />
      <Table size="extra-small" aria-label={t("robotsTitle")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("robotName")}</TableHeaderCell>
            <TableHeaderCell>{t("robotKind")}</TableHeaderCell>
            <TableHeaderCell>{t("robotAudience")}</TableHeaderCell>
            <TableHeaderCell>{t("robotWebhook")}</TableHeaderCell>
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.robots.map((r) => (
            <TableRow key={r.id}>
              <TableCell>
                {r.name}（{r.enabled ? t("robotEnabled") : t("robotDisabled")}）
              </TableCell>
              <TableCell>{t(KIND_LABEL[r.kind])}</TableCell>
              <TableCell>{audienceLabel(r.audience)}</TableCell>
              <TableCell>
                <code>{r.webhook}</code>{" "}
                {r.readable ? (r.hasSecret ? t("robotHasSecret") : t("robotNoSecret")) : t("robotUnreadable")}
              </TableCell>
              <TableCell>
                <Button size="small" appearance="primary" onClick={() => void test(r)}>
                  {t("robotTest")}
                </Button>
                <Button size="small" onClick={() => void toggle(r)}>
                  {r.enabled ? t("robotDisable") : t("robotEnable")}
                </Button>
                <Button size="small" onClick={() => void remove(r)}>
                  {deleting === r.id ? t("robotDeleteConfirm") : t("robotDelete")}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "end" }}>
        <Field label={t("robotName")}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field label={t("robotKind")}>
          <Select value={kind} onChange={(_, d) => setKind(d.value as RobotKind)}>
            {(Object.keys(KIND_LABEL) as RobotKind[]).map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("robotAudience")}>
          <Select value={audience} onChange={(_, d) => setAudience(d.value)}>
            <option value="all">{t("robotAudienceAll")}</option>
            <option value={OFFICE_SCOPE}>{OFFICE_LABEL}</option>
            {registry.branches.map((b) => (
              <option key={b.name}>{b.name}</option>
            ))}
          </Select>
        </Field>
        <Field label={t("robotWebhook")}>
          <Input value={webhook} onChange={(_, d) => setWebhook(d.value)} style={{ minWidth: 280 }} />
        </Field>
        {kind !== "wecom" && (
          <Field label={t("robotSecret")}>
            <Input type="password" value={secret} onChange={(_, d) => setSecret(d.value)} />
          </Field>
        )}
        <Button onClick={() => void add()}>{t("robotAdd")}</Button>
      </div>
      {list.sends.length > 0 && (
        <Table size="extra-small" aria-label={t("robotSends")}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t("robotSendDue")}</TableHeaderCell>
              <TableHeaderCell>{t("robotSendStep")}</TableHeaderCell>
              <TableHeaderCell>{t("robotAudience")}</TableHeaderCell>
              <TableHeaderCell>{t("robotName")}</TableHeaderCell>
              <TableHeaderCell>{t("robotSendState")}</TableHeaderCell>
              <TableHeaderCell>{t("robotSendAttempts")}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.sends.map((s) => (
              <TableRow key={`${s.robotId}|${s.audience}|${s.due}|${s.step}`}>
                <TableCell>{s.due}</TableCell>
                <TableCell>{STEP_LABEL[s.step] ? t(STEP_LABEL[s.step]) : s.step}</TableCell>
                <TableCell>{audienceLabel(s.audience)}</TableCell>
                <TableCell>{robotName(s.robotId)}</TableCell>
                <TableCell>
                  {t(STATE_LABEL[s.state])}
                  {s.lastError ? `（${s.lastError}）` : ""}
                </TableCell>
                <TableCell>{s.attempts}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
