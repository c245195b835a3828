/**
 * 人员与令牌 (admin): users (disable, enable), tokens shown once with an optional expiry, revoke
 * after a confirmation that names whose token it is, the registry editor (./registry), and the
 * registry as JSON for power users.
 */
import { lazy, Suspense, useState } from "react";
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
  Textarea,
} from "@fluentui/react-components";
import { RegistrySchema } from "../../shared/registry";
import type { UserList } from "../api";
import { ConfirmDialog } from "./ConfirmDialog";
import { RegistryEditor, type RegistryProps } from "./registry/RegistryEditor";
import { useI18n } from "./i18n";
import { NoticeBar, useServerList } from "./useServerList";

type Role = "admin" | "office" | "branch";

// Loaded when an admin opens this view: keeps the standalone page's first screen small.
const RobotsView = lazy(() => import("./RobotsView").then((m) => ({ default: m.RobotsView })));

export function AdminView({ api, registry, onRegistry }: RegistryProps) {
  const { t } = useI18n();
  const {
    list: { users },
    refresh,
    notice,
    setNotice,
    fail,
  } = useServerList<UserList>(api, (a) => a.users(), { users: [] });
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("branch");
  const [branch, setBranch] = useState(registry.branches[0]?.name ?? "");
  const [issued, setIssued] = useState<{ user: string; token: string } | null>(null);
  const [registryText, setRegistryText] = useState(JSON.stringify(registry, null, 2));
  const [expiresAt, setExpiresAt] = useState("");
  /** Bumped when the JSON is saved, so the editor starts again from what the server holds. */
  const [jsonSaves, setJsonSaves] = useState(0);
  /** An irreversible or disruptive action waiting for the admin's confirmation. */
  const [confirming, setConfirming] = useState<{ text: string; run: () => Promise<void> } | null>(null);

  const addUser = async () => {
    if (!name.trim()) return;
    const answer = await api.createUser({
      name: name.trim(),
      role,
      ...(role === "branch" ? { branch } : {}),
    });
    if (!answer.ok) return fail(answer.failure);
    setName("");
    await refresh();
  };
  const issue = async (userId: string, userName: string) => {
    const answer = await api.issueToken(userId, expiresAt || undefined);
    if (!answer.ok) return fail(answer.failure);
    setIssued({ user: userName, token: answer.value.token });
    await refresh();
  };
  const revoke = async (id: string) => {
    const answer = await api.revokeToken(id);
    if (!answer.ok) return fail(answer.failure);
    setNotice({ intent: "success", text: t("tokenRevoked") });
    await refresh();
  };
  const setDisabled = async (userId: string, userName: string, disabled: boolean) => {
    const answer = await api.setDisabled(userId, disabled);
    if (!answer.ok) return fail(answer.failure);
    setNotice({
      intent: "success",
      text: t(disabled ? "userDisabledDone" : "userEnabledDone", { user: userName }),
    });
    await refresh();
  };
  const saveRegistry = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(registryText);
    } catch (e) {
      return setNotice({
        intent: "error",
        text: t("registryInvalid", { reason: e instanceof Error ? e.message : String(e) }),
      });
    }
    const checked = RegistrySchema.safeParse(parsed);
    if (!checked.success) {
      return setNotice({
        intent: "error",
        text: t("registryInvalid", {
          reason: checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("；"),
        }),
      });
    }
    const answer = await api.putRegistry(checked.data);
    if (!answer.ok) return fail(answer.failure);
    onRegistry(answer.value.registry);
    setJsonSaves((n) => n + 1);
    setNotice({ intent: "success", text: t("registrySaved") });
  };

  return (
    <section aria-label={t("adminTitle")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("adminTitle")}
      </Text>
      <NoticeBar notice={notice} />
      {issued && (
        <MessageBar intent="warning">
          <MessageBarBody>
            {issued.user}：{t("tokenOnce")} <code data-testid="issued-token">{issued.token}</code>{" "}
            <Button size="small" onClick={() => void navigator.clipboard?.writeText(issued.token)}>
              {t("copy")}
            </Button>
          </MessageBarBody>
        </MessageBar>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title={t("confirmTitle")}
        text={confirming?.text}
        action={t("confirm")}
        onConfirm={() => {
          const action = confirming;
          setConfirming(null);
          if (action) void action.run();
        }}
        onCancel={() => setConfirming(null)}
      />
      <Field label={t("tokenExpiry")}>
        <Input type="date" value={expiresAt} onChange={(_, d) => setExpiresAt(d.value)} />
      </Field>
      <Table size="extra-small" aria-label={t("users")}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("userName")}</TableHeaderCell>
            <TableHeaderCell>{t("userRole")}</TableHeaderCell>
            <TableHeaderCell>{t("userBranch")}</TableHeaderCell>
            <TableHeaderCell>{t("userStatus")}</TableHeaderCell>
            <TableHeaderCell>{t("tokenId")}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((u) => (
            <TableRow key={u.id}>
              <TableCell>{u.name}</TableCell>
              <TableCell>
                {u.role === "admin"
                  ? t("roleAdmin")
                  : u.role === "office"
                    ? t("roleOffice")
                    : t("roleBranch")}
              </TableCell>
              <TableCell>{u.branch ?? ""}</TableCell>
              <TableCell>
                {u.disabledAt ? t("userDisabled") : t("userActive")}{" "}
                <Button
                  size="small"
                  onClick={() =>
                    u.disabledAt
                      ? void setDisabled(u.id, u.name, false)
                      : setConfirming({
                          text: t("confirmDisable", { user: u.name }),
                          run: () => setDisabled(u.id, u.name, true),
                        })
                  }
                >
                  {u.disabledAt ? t("enableUser") : t("disableUser")}
                </Button>
              </TableCell>
              <TableCell>
                {u.tokens
                  .filter((k) => !k.revokedAt)
                  .map((k) => (
                    <Button
                      key={k.id}
                      size="small"
                      onClick={() =>
                        setConfirming({
                          text: t("confirmRevoke", { user: u.name, token: k.id.slice(0, 6) }),
                          run: () => revoke(k.id),
                        })
                      }
                      aria-label={`${t("revokeToken")} ${u.name} ${k.id}`}
                    >
                      {t("revokeToken")} {k.id.slice(0, 6)}
                      {k.expiresAt ? `（${t("tokenExpires", { date: shanghaiDay(k.expiresAt) })}）` : ""}
                    </Button>
                  ))}
                <Button size="small" appearance="primary" onClick={() => void issue(u.id, u.name)}>
                  {t("issueToken")}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "end" }}>
        <Field label={t("userName")}>
          <Input value={name} onChange={(_, d) => setName(d.value)} />
        </Field>
        <Field label={t("userRole")}>
          <Select value={role} onChange={(_, d) => setRole(d.value as Role)}>
            <option value="branch">{t("roleBranch")}</option>
            <option value="office">{t("roleOffice")}</option>
            <option value="admin">{t("roleAdmin")}</option>
          </Select>
        </Field>
        {role === "branch" && (
          <Field label={t("userBranch")}>
            <Select value={branch} onChange={(_, d) => setBranch(d.value)}>
              {registry.branches.map((b) => (
                <option key={b.name}>{b.name}</option>
              ))}
            </Select>
          </Field>
        )}
        <Button onClick={() => void addUser()}>{t("addUser")}</Button>
      </div>
      <RegistryEditor
        key={jsonSaves}
        api={api}
        registry={registry}
        onRegistry={(saved) => {
          onRegistry(saved);
          setRegistryText(JSON.stringify(saved, null, 2));
        }}
      />
      <Field label={t("registry")}>
        <Textarea
          value={registryText}
          onChange={(_, d) => setRegistryText(d.value)}
          rows={12}
          resize="vertical"
          style={{ fontFamily: "monospace" }}
        />
      </Field>
      <Button appearance="primary" onClick={() => void saveRegistry()}>
        {t("save")}
      </Button>
      <Suspense fallback={null}>
        <RobotsView api={api} registry={registry} />
      </Suspense>
    </section>
  );
}

/** A token's expiry (the first instant it no longer works, UTC) as the last Shanghai day it works. */
function shanghaiDay(expiresAt: string): string {
  return new Date(Date.parse(expiresAt) + 8 * 3_600_000 - 1).toISOString().slice(0, 10);
}
