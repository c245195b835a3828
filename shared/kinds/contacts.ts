/**
 * 支部联系点 (ledgers spec §3 contacts): the "143" fixed contact points — every staff member
 * linked to at least one village branch and every branch covered by at least one staff member.
 */
import { branchMatcher } from "../registry";
import { coverageFindings } from "../rules/coverage";
import { msg } from "../messages/engine";
import { duplicateKeyFindings } from "../rules/unique";
import type { z } from "zod";
import { fig, summaryOf } from "../figures";
import { defineKind, type ColumnDef, type ColumnName, type ParsedRow } from "./types";

const STAFF = "工作人员";
const BRANCH = "联系支部";

const COLUMNS = [
  { name: STAFF, aliases: ["联系人", "姓名"], type: { t: "staff" }, required: true },
  { name: BRANCH, aliases: ["联系村", "支部", "村"], type: { t: "branch" }, required: true },
  { name: "开始日期", type: { t: "date" } },
] as const satisfies readonly ColumnDef[];
type Column = ColumnName<typeof COLUMNS>;

const SUMMARY = summaryOf({
  branchesCovered: fig.count("已联系支部", "Branches covered", "个"),
  branchesTotal: fig.count("支部总数", "Branches", "个"),
  staffLinked: fig.count("已联系人员", "Staff linked", "人"),
  staffTotal: fig.count("人员总数", "Staff", "人"),
});

export const contacts = defineKind({
  id: "contacts",
  title: "支部联系点",
  titleEn: "Branch contact assignments",
  titles: ["支部联系点", "联系点台账", "包村联系表", "联系支部"],
  grain: "year",
  scope: "office",
  columns: COLUMNS,
  figures: SUMMARY,
  sheetRules: (rows, ctx) => {
    const findings = duplicateKeyFindings(rows, [STAFF, BRANCH], BRANCH, ctx);
    if (!ctx.present.has(STAFF) || !ctx.present.has(BRANCH)) return findings;
    const links = linksOf(rows);
    findings.push(
      ...coverageFindings(branchMatcher(ctx.registry).names, links.branches, ctx, (branch) =>
        msg("contacts.branchUncovered", { branch }),
      ),
    );
    if (ctx.staff) {
      findings.push(
        ...coverageFindings(ctx.staff, links.staff, ctx, (person) =>
          msg("contacts.staffUnlinked", { person }),
        ),
      );
    }
    return findings;
  },
  summary: (rows, ctx): z.infer<typeof SUMMARY> => {
    const names = branchMatcher(ctx.registry).names;
    const links = linksOf(rows);
    const people = ctx.staff ? [...ctx.staff] : [...new Set(rows.map((r) => r.values[STAFF]).filter(isText))];
    return {
      branchesCovered: names.filter((b) => links.branches.has(b)).length,
      branchesTotal: names.length,
      staffLinked: people.filter((p) => links.staff.has(p)).length,
      staffTotal: people.length,
    };
  },
});

/** Branches with a contact and staff with a branch, from rows where both cells are valid. */
function linksOf(rows: readonly ParsedRow<Column>[]): { branches: Set<string>; staff: Set<string> } {
  const branches = new Set<string>();
  const staff = new Set<string>();
  for (const r of rows) {
    const person = r.values[STAFF];
    const branch = r.values[BRANCH];
    if (!isText(person) || !isText(branch)) continue;
    branches.add(branch);
    staff.add(person);
  }
  return { branches, staff };
}

function isText(v: unknown): v is string {
  return typeof v === "string" && v !== "";
}
