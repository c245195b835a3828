/** 村党支部: one row per branch (name, village, aliases, secretary, 党小组 and 支委会 flags). */
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
import { removeAt, replaceAt, withOptional, type BranchDraft } from "./draft";
import { ListInput, useFieldError } from "./fields";

export function BranchesTable({
  branches,
  onChange,
}: {
  branches: readonly BranchDraft[];
  onChange: (branches: BranchDraft[]) => void;
}) {
  const { t } = useI18n();
  const err = useFieldError();
  const set = (i: number, branch: BranchDraft) => onChange(replaceAt(branches, i, branch));
  const text = <K extends "name" | "village" | "secretary">(i: number, key: K, value: string) =>
    set(i, key === "name" ? { ...branches[i], name: value } : withOptional(branches[i], key, value));
  // A flag is written only when it differs from the default (true): an old registry stays as it was.
  const flag = (i: number, key: "hasPartyGroups" | "hasCommittee", on: boolean) =>
    set(i, withOptional(branches[i], key, on ? undefined : false));

  return (
    <div style={{ overflowX: "auto" }}>
      <Table size="extra-small" aria-label={t("regTabBranches")} style={{ tableLayout: "auto" }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t("regBranchName")}</TableHeaderCell>
            <TableHeaderCell>{t("regVillage")}</TableHeaderCell>
            <TableHeaderCell>{t("regAliases")}</TableHeaderCell>
            <TableHeaderCell>{t("regSecretary")}</TableHeaderCell>
            <TableHeaderCell>{t("regHasPartyGroups")}</TableHeaderCell>
            <TableHeaderCell>{t("regHasCommittee")}</TableHeaderCell>
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {branches.map((b, i) => {
            const row = t("regRowNumber", { n: i + 1 });
            return (
              // Rows have no identity of their own: a name is being typed; the index is the row.
              <TableRow key={i}>
                <TableCell>
                  <Field {...err(`branches.${i}.name`)}>
                    <Input
                      aria-label={`${t("regBranchName")} ${row}`}
                      style={{ width: 150 }}
                      value={b.name}
                      onChange={(_, d) => text(i, "name", d.value)}
                    />
                  </Field>
                </TableCell>
                <TableCell>
                  <Field {...err(`branches.${i}.village`)}>
                    <Input
                      aria-label={`${t("regVillage")} ${row}`}
                      style={{ width: 110 }}
                      value={b.village ?? ""}
                      onChange={(_, d) => text(i, "village", d.value)}
                    />
                  </Field>
                </TableCell>
                <TableCell>
                  <Field {...err(`branches.${i}.aliases`)}>
                    <ListInput
                      aria-label={`${t("regAliases")} ${row}`}
                      style={{ width: 190 }}
                      placeholder={t("regAliasesHint")}
                      value={b.aliases}
                      onChange={(list) => set(i, withOptional(b, "aliases", list))}
                    />
                  </Field>
                </TableCell>
                <TableCell>
                  <Field {...err(`branches.${i}.secretary`)}>
                    <Input
                      aria-label={`${t("regSecretary")} ${row}`}
                      style={{ width: 90 }}
                      value={b.secretary ?? ""}
                      onChange={(_, d) => text(i, "secretary", d.value)}
                    />
                  </Field>
                </TableCell>
                <TableCell>
                  <Checkbox
                    aria-label={`${t("regHasPartyGroups")} ${row}`}
                    checked={b.hasPartyGroups !== false}
                    onChange={(_, d) => flag(i, "hasPartyGroups", d.checked === true)}
                  />
                </TableCell>
                <TableCell>
                  <Checkbox
                    aria-label={`${t("regHasCommittee")} ${row}`}
                    checked={b.hasCommittee !== false}
                    onChange={(_, d) => flag(i, "hasCommittee", d.checked === true)}
                  />
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    aria-label={t("regRemoveNamed", { name: b.name || row })}
                    onClick={() => onChange(removeAt(branches, i))}
                  >
                    {t("regRemove")}
                  </Button>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Button onClick={() => onChange([...branches, { name: "" }])}>{t("regAddBranch")}</Button>
    </div>
  );
}
