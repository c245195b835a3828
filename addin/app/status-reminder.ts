/**
 * The 催报 text for one audience, built from the status matrix. Pure, so it can be tested and copied
 * as it is.
 */
import type { StatusResponse } from "../api";
import { OFFICE_SCOPE } from "../../shared/registry";
import { paneText, type PaneMessageKey } from "../../shared/messages/pane";

export type Audience = "branches" | "office";

/**
 * The reminder for one audience: to the branch secretaries (their own missing or returned ledgers,
 * for the village group chat) or to the office (its own ledgers). Always in Chinese: it is read in
 * a Chinese group chat whatever the pane's language.
 */
export function reminderText(status: StatusResponse, township: string, audience: Audience): string {
  const zh = (key: PaneMessageKey, vars?: Record<string, string | number>) => paneText("zh-CN", key, vars);
  const titles = new Map(status.kinds.map((k) => [k.id, k.title]));
  const lines = status.rows
    .filter((row) => (row.scope === OFFICE_SCOPE) === (audience === "office"))
    .map((row) => {
      const items = row.cells
        .filter((c) => c.state === "missing" || c.state === "returned")
        .map(
          (c) =>
            `${titles.get(c.kind) ?? c.kind}（${c.period}${c.state === "returned" ? `，${zh("statusReturned")}` : ""}）`,
        );
      return items.length ? zh("reminderLine", { branch: row.label, items: items.join("、") }) : null;
    })
    .filter((l): l is string => l !== null);
  const [text, none]: PaneMessageKey[] =
    audience === "office" ? ["reminderOfficeText", "reminderOfficeNone"] : ["reminderText", "reminderNone"];
  if (lines.length === 0) return zh(none, { date: status.asOf });
  return zh(text, { date: status.asOf, lines: lines.join("\n"), township });
}
