/** 设置: server URL and token (kept in the browser's storage, never in the workbook), language. */
import { useState } from "react";
import { Button, Field, Input, Text } from "@fluentui/react-components";
import type { Settings } from "./storage";
import { useI18n } from "./i18n";

export function SettingsView({ settings, onSave }: { settings: Settings; onSave: (s: Settings) => void }) {
  const { t } = useI18n();
  // The Worker serves the pane, so its own origin is the likely server; the clerk confirms it with 保存.
  const [serverUrl, setServerUrl] = useState(settings.serverUrl || pageOrigin());
  const [token, setToken] = useState(settings.token);
  return (
    <section aria-label={t("settings")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("settings")}
      </Text>
      <Field label={t("serverUrl")} hint={t("serverUrlHint")}>
        <Input type="url" value={serverUrl} onChange={(_, d) => setServerUrl(d.value)} />
      </Field>
      <Field label={t("token")} hint={t("tokenHint")}>
        <Input type="password" value={token} onChange={(_, d) => setToken(d.value)} />
      </Field>
      <Button
        appearance="primary"
        onClick={() => onSave({ ...settings, serverUrl: serverUrl.trim(), token: token.trim() })}
      >
        {t("save")}
      </Button>
    </section>
  );
}

function pageOrigin(): string {
  return typeof location !== "undefined" && /^https?:$/.test(location.protocol) ? location.origin : "";
}
