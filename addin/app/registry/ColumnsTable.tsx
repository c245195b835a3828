/**
 * A designed ledger's columns, one row each: name, header aliases, type (the catalogue's, from a
 * dropdown), required, unique, min/max for numbers, allowed values (each with the other ways
 * clerks write it) for list types; rows move up and down because the template follows their order.
 */
import { Button, Field, Input, Select, TableCell, makeStyles } from "@fluentui/react-components";
import { useI18n } from "../i18n";
import { move, removeAt, replaceAt, withOptional } from "./draft";
import { ListInput, NumberInput, useFieldError } from "./fields";
import { CheckCell, ListCell, ListTable, RemoveButton, TextCell } from "./ListTable";
import {
  LEDGER_COLUMN_TYPES,
  NUMERIC_TYPES,
  VALUE_TYPES,
  type LedgerColumnType,
} from "../../../shared/registry";
import {
  TYPE_LABEL,
  aliasesOf,
  newColumn,
  renameValue,
  retype,
  setValueAliases,
  type ColumnDraft,
} from "./ledger";

// A column with several allowed values is a tall row: its other cells stay at the top, by its name.
const useStyles = makeStyles({ row: { "& > td": { verticalAlign: "top" } } });

export function ColumnsTable({
  columns,
  path,
  onChange,
}: {
  columns: readonly ColumnDraft[];
  /** The columns' path in the registry, for errors: `ledgers.0.columns`. */
  path: string;
  onChange: (columns: ColumnDraft[]) => void;
}) {
  const { t } = useI18n();
  const err = useFieldError();
  const styles = useStyles();
  const set = (i: number, column: ColumnDraft) => onChange(replaceAt(columns, i, column));
  const flag = (i: number, key: "required" | "unique", on: boolean) =>
    set(i, withOptional(columns[i], key, on || undefined));

  const headers = [
    "regColumnName",
    "regColumnAliases",
    "regColumnType",
    "regRequired",
    "regUnique",
    "regMin",
    "regMax",
    "regValues",
  ] as const;

  return (
    <ListTable
      label={t("regColumns")}
      headers={headers.map((k) => t(k))}
      items={columns}
      rowClassName={styles.row}
      addLabel={t("regAddColumn")}
      onAdd={() => onChange([...columns, newColumn()])}
      row={(c, i) => {
        const at = `${path}.${i}`;
        const label = t("regColumnLabel", { n: i + 1 });
        const numeric = NUMERIC_TYPES.has(c.type);
        return (
          <>
            <TextCell
              path={`${at}.name`}
              label={`${t("regColumnName")} ${label}`}
              width={110}
              value={c.name}
              onChange={(name) => set(i, { ...c, name })}
            />
            <ListCell
              path={`${at}.aliases`}
              label={`${t("regColumnAliases")} ${label}`}
              width={120}
              value={c.aliases}
              onChange={(list) => set(i, withOptional(c, "aliases", list))}
            />
            <TableCell>
              <Field {...err(`${at}.type`)}>
                <Select
                  aria-label={`${t("regColumnType")} ${label}`}
                  style={{ width: 130 }}
                  value={c.type}
                  onChange={(_, d) => set(i, retype(c, d.value as LedgerColumnType))}
                >
                  {LEDGER_COLUMN_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {t(TYPE_LABEL[type])}
                    </option>
                  ))}
                </Select>
              </Field>
            </TableCell>
            <CheckCell
              label={`${t("regRequired")} ${label}`}
              checked={c.required === true}
              onChange={(on) => flag(i, "required", on)}
            />
            <CheckCell
              label={`${t("regUnique")} ${label}`}
              checked={c.unique === true}
              onChange={(on) => flag(i, "unique", on)}
            />
            {(["min", "max"] as const).map((bound) => (
              <TableCell key={bound}>
                <Field {...err(`${at}.${bound}`)}>
                  <NumberInput
                    aria-label={`${t(bound === "min" ? "regMin" : "regMax")} ${label}`}
                    disabled={!numeric}
                    style={{ width: 80 }}
                    value={c[bound]}
                    onChange={(n) => set(i, withOptional(c, bound, n))}
                  />
                </Field>
              </TableCell>
            ))}
            <TableCell>
              {VALUE_TYPES.has(c.type) && (
                <ValuesEditor column={c} path={at} label={label} onChange={(next) => set(i, next)} />
              )}
            </TableCell>
            <TableCell>
              <div style={{ display: "flex", gap: 4 }}>
                <Button
                  size="small"
                  aria-label={`${t("regMoveUp")} ${label}`}
                  disabled={i === 0}
                  onClick={() => onChange(move(columns, i, -1))}
                >
                  ↑
                </Button>
                <Button
                  size="small"
                  aria-label={`${t("regMoveDown")} ${label}`}
                  disabled={i === columns.length - 1}
                  onClick={() => onChange(move(columns, i, 1))}
                >
                  ↓
                </Button>
                <RemoveButton name={c.name || label} onRemove={() => onChange(removeAt(columns, i))} />
              </div>
            </TableCell>
          </>
        );
      }}
    />
  );
}

/** An enum or list column's allowed values, each with the other spellings accepted for it. */
function ValuesEditor({
  column,
  path,
  label,
  onChange,
}: {
  column: ColumnDraft;
  path: string;
  label: string;
  onChange: (column: ColumnDraft) => void;
}) {
  const { t } = useI18n();
  const err = useFieldError();
  const values = column.values ?? [];
  return (
    <Field {...err(`${path}.values`, `${path}.valueAliases`)}>
      <div style={{ display: "flex", flexDirection: "column", gap: 4 }}>
        {values.map((v, k) => {
          const name = `${label} ${t("regValue")} ${k + 1}`;
          return (
            <div key={k} style={{ display: "flex", gap: 4 }}>
              <Field {...err(`${path}.values.${k}`)}>
                <Input
                  aria-label={name}
                  value={v}
                  style={{ width: 80 }}
                  onChange={(_, d) => onChange(renameValue(column, k, d.value))}
                />
              </Field>
              <ListInput
                aria-label={`${name} ${t("regValueAliases")}`}
                placeholder={t("regValueAliases")}
                style={{ width: 110 }}
                value={aliasesOf(column, v)}
                onChange={(list) => onChange(setValueAliases(column, v, list))}
              />
              <RemoveButton
                name={v || name}
                onRemove={() => onChange(setValueAliases({ ...column, values: removeAt(values, k) }, v, []))}
              />
            </div>
          );
        })}
        <Button size="small" onClick={() => onChange({ ...column, values: [...values, ""] })}>
          {t("regAddValue")}
        </Button>
      </div>
    </Field>
  );
}
