/** The year field, load button, progress and error of the views that read one year from the server. */
import type { ReactNode } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Spinner } from "@fluentui/react-components";
import { useI18n } from "./i18n";

export function YearBar(props: {
  label: string;
  loadLabel: string;
  year: string;
  setYear: (year: string) => void;
  load: (year: string) => Promise<void>;
  loading: boolean;
  error: string | null;
  /** Extra buttons beside the load button. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <div style={{ display: "flex", gap: 8, alignItems: "end" }}>
        <Field label={props.label}>
          <Input value={props.year} onChange={(_, d) => props.setYear(d.value)} style={{ width: 90 }} />
        </Field>
        <Button onClick={() => void props.load(props.year)}>{props.loadLabel}</Button>
        {props.children}
      </div>
      {props.loading && <Spinner size="tiny" label={t("loading")} />}
      {props.error && (
        <MessageBar intent="error">
          <MessageBarBody>{props.error}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
