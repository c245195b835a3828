/** 党建办人员: the office staff and their posts (职务), against which staff columns are checked. */
import {
  Button,
  Field,
  Input,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { StaffRole } from "../../../shared/registry";
import { useI18n } from "../i18n";
import { removeAt, replaceAt, withOptional, type StaffDraft } from "./draft";
import { useFieldError } from "./fields";

export function StaffTable({
  staff,
  onChange,
}: {
  staff: readonly StaffDraft[];
  onChange: (staff: StaffDraft[]) => void;
}) {
  const { t } = useI18n();
  const err = useFieldError();
  const set = (i: number, member: StaffDraft) => onChange(replaceAt(staff, i, member));
  return (
    <div>
      {staff.length === 0 && <Text block>{t("regStaffEmpty")}</Text>}
      <Table size="extra-small" aria-label={t("regTabStaff")} style={{ tableLayout: "auto", maxWidth: 480 }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("regStaffName")}</TableHeaderCell>
            <TableHeaderCell>{t("regStaffRole")}</TableHeaderCell>
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {staff.map((s, i) => {
            const row = t("regRowNumber", { n: i + 1 });
            return (
              <TableRow key={i}>
                <TableCell>
                  <Field {...err(`staff.${i}.name`)}>
                    <Input
                      aria-label={`${t("regStaffName")} ${row}`}
                      value={s.name}
                      onChange={(_, d) => set(i, { ...s, name: d.value })}
                    />
                  </Field>
                </TableCell>
                <TableCell>
                  <Field {...err(`staff.${i}.role`)}>
                    <Select
                      aria-label={`${t("regStaffRole")} ${row}`}
                      value={s.role ?? ""}
                      onChange={(_, d) => set(i, withOptional(s, "role", StaffRole.safeParse(d.value).data))}
                    >
                      <option value="">{t("regRoleNone")}</option>
                      {StaffRole.options.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    aria-label={t("regRemoveNamed", { name: s.name || row })}
                    onClick={() => onChange(removeAt(staff, i))}
                  >
                    {t("regRemove")}
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Button onClick={() => onChange([...staff, { name: "" }])}>{t("regAddStaff")}</Button>
    </div>
  );
}
