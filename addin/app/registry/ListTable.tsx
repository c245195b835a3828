/**
 * The editor's tables of items (branches, staff, a ledger's columns): a header, one row per item,
 * an add button under it, and the cells those rows are made of, each showing its path's errors.
 */
import type { ReactNode } from "react";
import {
  Button,
  Checkbox,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from "@fluentui/react-components";
import { useI18n } from "../i18n";
import { ListInput, useFieldError } from "./fields";

export function ListTable<T>({
  label,
  headers,
  items,
  row,
  addLabel,
  onAdd,
  rowClassName,
}: {
  label: string;
  headers: readonly string[];
  items: readonly T[];
  /** The cells of item i, in the order of `headers`, then its remove button. */
  row: (item: T, i: number) => ReactNode;
  addLabel: string;
  onAdd: () => void;
  rowClassName?: string;
}) {
  return (
    <div style={{ overflowX: "auto" }}>
      <Table size="extra-small" aria-label={label} style={{ tableLayout: "auto" }}>
        <TableHeader>
          <TableRow>
            {headers.map((h) => (
              <TableHeaderCell key={h}>{h}</TableHeaderCell>
            ))}
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item, i) => (
            // Items have no identity of their own while their name is being typed: the index is the row.
            <TableRow key={i} className={rowClassName}>
              {row(item, i)}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Button onClick={onAdd}>{addLabel}</Button>
    </div>
  );
}

/** What an editable cell is given: its path (for its errors), a label for screen readers, its value. */
interface CellProps<V, Shown = V> {
  path: string;
  label: string;
  value: Shown | undefined;
  onChange: (value: V) => void;
  width: number;
}

/** A table cell holding one field, with its path's errors under it. */
function FieldCell({ path, children }: { path: string; children: ReactNode }) {
  const err = useFieldError();
  return (
    <TableCell>
      <Field {...err(path)}>{children}</Field>
    </TableCell>
  );
}

/** A text cell labelled for screen readers (`支部名称 第 7 行`). */
export function TextCell({ path, label, value, onChange, width }: CellProps<string>) {
  return (
    <FieldCell path={path}>
      <Input
        aria-label={label}
        style={{ width }}
        value={value ?? ""}
        onChange={(_, d) => onChange(d.value)}
      />
    </FieldCell>
  );
}

/** A cell holding a list typed with 、 (aliases). */
export function ListCell({ path, label, value, onChange, width }: CellProps<string[], readonly string[]>) {
  const { t } = useI18n();
  return (
    <FieldCell path={path}>
      <ListInput
        aria-label={label}
        placeholder={t("regAliasesHint")}
        style={{ width }}
        value={value}
        onChange={onChange}
      />
    </FieldCell>
  );
}

export function CheckCell({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <TableCell>
      <Checkbox aria-label={label} checked={checked} onChange={(_, d) => onChange(d.checked === true)} />
    </TableCell>
  );
}

/** The remove button of a row, named after what it removes. */
export function RemoveButton({ name, onRemove }: { name: string; onRemove: () => void }) {
  const { t } = useI18n();
  return (
    <Button size="small" aria-label={t("regRemoveNamed", { name })} onClick={onRemove}>
      {t("regRemove")}
    </Button>
  );
}
