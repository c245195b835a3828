/**
 * The live preview of a designed ledger: the layout the template command and 插入模板 write
 * (shared/template-layout.ts), drawn as an HTML table — title, starred headers, each column's input
 * hint and its dropdown — so what the admin sees is what every village will fill in.
 */
import { Text, tokens } from "@fluentui/react-components";
import { templateLayout } from "../../../shared/template-layout";
import type { KindDef } from "../../../shared/kinds/types";
import type { Registry } from "../../../shared/registry";
import { useI18n } from "../i18n";

/** Rows of the template shown: enough to see the numbering, not 500. */
const PREVIEW_ROWS = 3;
/** Excel character units → CSS pixels (7 px a character + 5 px, as Excel draws Calibri 11). */
const px = (characters: number) => characters * 7 + 5;

export function TemplatePreview({
  kind,
  registry,
  year,
}: {
  kind: KindDef;
  registry: Registry;
  year: number;
}) {
  const { t } = useI18n();
  const layout = templateLayout(kind, registry, { year, rows: PREVIEW_ROWS });
  const cell = { border: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px" } as const;
  const span = layout.columns.length + 1;
  return (
    <figure style={{ margin: 0 }} aria-label={t("regPreview")}>
      <figcaption>
        <Text weight="semibold">{t("regPreview")}</Text>{" "}
        <Text size={200}>{t("regPreviewHint", { rows: PREVIEW_ROWS })}</Text>
      </figcaption>
      <div style={{ overflowX: "auto" }}>
        <table
          data-testid="template-preview"
          style={{ borderCollapse: "collapse", tableLayout: "fixed", fontSize: 12, marginTop: 4 }}
        >
          <colgroup>
            <col style={{ width: px(layout.serial.width) }} />
            {layout.columns.map((c, i) => (
              <col key={i} style={{ width: px(c.width) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th colSpan={span} style={{ ...cell, fontSize: 15, height: layout.title.height }}>
                {layout.title.text}
              </th>
            </tr>
            <tr style={{ background: `#${layout.header.fill}` }}>
              <th scope="col" style={cell}>
                {layout.serial.header}
              </th>
              {layout.columns.map((c, i) => (
                <th key={i} scope="col" style={cell} title={c.prompt.message}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td style={cell} />
              {layout.columns.map((c, i) => (
                <td key={i} style={{ ...cell, color: tokens.colorNeutralForeground3, verticalAlign: "top" }}>
                  {c.dropdown
                    ? t("regPreviewDropdown", { values: c.dropdown.values.join("/") })
                    : c.prompt.message}
                </td>
              ))}
            </tr>
            {Array.from({ length: layout.rows - 1 }, (_, r) => (
              <tr key={r}>
                <td style={cell}>{"\u00a0"}</td>
                {layout.columns.map((_, i) => (
                  <td key={i} style={cell}>
                    {"\u00a0"}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
