/** 党建办人员: the office staff and their posts (职务), against which staff columns are checked. */
import { Field, Select, TableCell, Text } from "@fluentui/react-components";
import { StaffRole } from "../../../shared/registry";
import { useI18n } from "../i18n";
import { removeAt, replaceAt, withOptional, type StaffDraft } from "./draft";
import { useFieldError } from "./fields";
import { ListTable, RemoveButton, TextCell } from "./ListTable";

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
      <ListTable
        label={t("regTabStaff")}
        headers={[t("regStaffName"), t("regStaffRole")]}
        items={staff}
        addLabel={t("regAddStaff")}
        onAdd={() => onChange([...staff, { name: "" }])}
        row={(s, i) => {
          const row = t("regRowNumber", { n: i + 1 });
          return (
            <>
              <TextCell
                path={`staff.${i}.name`}
                label={`${t("regStaffName")} ${row}`}
                width={120}
                value={s.name}
                onChange={(name) => set(i, { ...s, name })}
              />
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
                <RemoveButton name={s.name || row} onRemove={() => onChange(removeAt(staff, i))} />
              </TableCell>
            </>
          );
        }}
      />
    </div>
  );
}
