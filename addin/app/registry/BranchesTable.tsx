/** 村党支部: one row per branch (name, village, aliases, secretary, 党小组 and 支委会 flags). */
import { TableCell } from "@fluentui/react-components";
import { useI18n } from "../i18n";
import { removeAt, replaceAt, withOptional, type BranchDraft } from "./draft";
import { CheckCell, ListCell, ListTable, RemoveButton, TextCell } from "./ListTable";

export function BranchesTable({
  branches,
  onChange,
}: {
  branches: readonly BranchDraft[];
  onChange: (branches: BranchDraft[]) => void;
}) {
  const { t } = useI18n();
  const set = (i: number, branch: BranchDraft) => onChange(replaceAt(branches, i, branch));
  // A flag is written only when it differs from the default (true): an old registry stays as it was.
  const flag = (b: BranchDraft, key: "hasPartyGroups" | "hasCommittee", on: boolean) =>
    withOptional(b, key, on ? undefined : false);
  const headers = [
    "regBranchName",
    "regVillage",
    "regAliases",
    "regSecretary",
    "regHasPartyGroups",
    "regHasCommittee",
  ] as const;

  return (
    <ListTable
      label={t("regTabBranches")}
      headers={headers.map((k) => t(k))}
      items={branches}
      addLabel={t("regAddBranch")}
      onAdd={() => onChange([...branches, { name: "" }])}
      row={(b, i) => {
        const row = t("regRowNumber", { n: i + 1 });
        const at = `branches.${i}`;
        return (
          <>
            <TextCell
              path={`${at}.name`}
              label={`${t("regBranchName")} ${row}`}
              width={150}
              value={b.name}
              onChange={(name) => set(i, { ...b, name })}
            />
            <TextCell
              path={`${at}.village`}
              label={`${t("regVillage")} ${row}`}
              width={110}
              value={b.village}
              onChange={(v) => set(i, withOptional(b, "village", v))}
            />
            <ListCell
              path={`${at}.aliases`}
              label={`${t("regAliases")} ${row}`}
              width={190}
              value={b.aliases}
              onChange={(list) => set(i, withOptional(b, "aliases", list))}
            />
            <TextCell
              path={`${at}.secretary`}
              label={`${t("regSecretary")} ${row}`}
              width={90}
              value={b.secretary}
              onChange={(v) => set(i, withOptional(b, "secretary", v))}
            />
            <CheckCell
              label={`${t("regHasPartyGroups")} ${row}`}
              checked={b.hasPartyGroups !== false}
              onChange={(on) => set(i, flag(b, "hasPartyGroups", on))}
            />
            <CheckCell
              label={`${t("regHasCommittee")} ${row}`}
              checked={b.hasCommittee !== false}
              onChange={(on) => set(i, flag(b, "hasCommittee", on))}
            />
            <TableCell>
              <RemoveButton name={b.name || row} onRemove={() => onChange(removeAt(branches, i))} />
            </TableCell>
          </>
        );
      }}
    />
  );
}
