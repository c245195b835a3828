/** 插入模板: a blank ledger of a chosen kind, with dropdowns for enum columns. */
import { useState } from "react";
import { Button, Field, Input, Select, Text } from "@fluentui/react-components";
import { KINDS } from "../../shared/kinds";
import type { KindDef } from "../../shared/kinds/types";
import { useI18n } from "./i18n";

export function TemplateView({
  defaultYear,
  actionLabel,
  onInsert,
  kinds = KINDS,
}: {
  defaultYear: number;
  /** The kinds offered: the built-in ones and the registry's own (`kindsOf`). */
  kinds?: readonly KindDef[];
  actionLabel: string;
  onInsert: (kindId: string, year: number) => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState(kinds[0]?.id ?? "");
  const [year, setYear] = useState(String(defaultYear));
  return (
    <section aria-label={t("insertTemplate")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      <Text as="h2" weight="semibold" size={500}>
        {t("insertTemplate")}
      </Text>
      <Field label={t("templateKind")}>
        <Select value={kind} onChange={(_, d) => setKind(d.value)}>
          {kinds.map((k) => (
            <option key={k.id} value={k.id}>
              {k.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("templateYear")}>
        <Input value={year} onChange={(_, d) => setYear(d.value)} style={{ width: 90 }} />
      </Field>
      <Button
        appearance="primary"
        disabled={!kind}
        onClick={() => onInsert(kind, Number(year) || defaultYear)}
      >
        {actionLabel}
      </Button>
    </section>
  );
}
