/** The 催报 rounds of a day and the text of each unit that owes (shared/reminders.ts). */
import { describe, expect, it } from "vitest";
import type { StatusResponse } from "../../shared/api";
import { reminderMessages as catalogue } from "../../shared/messages/reminders";
import { MAX_REMINDER_ITEMS, reminderMessages, roundsOn, yearDueOn } from "../../shared/reminders";

type Cell = StatusResponse["rows"][number]["cells"][number];

const cell = (
  kind: string,
  period: string,
  state: Cell["state"],
  due: string,
  comment: string | null = null,
): Cell => ({
  kind,
  period,
  state,
  due,
  submissionId: null,
  version: null,
  submittedAt: null,
  returnComment: comment,
});

function status(rows: { scope: string; label: string; cells: Cell[] }[]): StatusResponse {
  const counts = { submitted: 0, late: 0, returned: 0, missing: 0, pending: 0 };
  return {
    year: "2025",
    asOf: "2025-12-06",
    kinds: [
      { id: "fieldwork", title: "到村工作日志", grain: "month", scope: "office" },
      { id: "dues", title: "党费收缴台账", grain: "year", scope: "branch" },
    ],
    rows: rows.map((r) => ({ ...r, counts })),
    counts,
  };
}

describe("reminder rounds", () => {
  it("falls 3 days before, on, 1 day after and 7 days after each month's due day", () => {
    expect(roundsOn("2026-01-02", 5)).toEqual([{ due: "2026-01-05", step: "before-3" }]);
    expect(roundsOn("2026-01-05", 5)).toEqual([{ due: "2026-01-05", step: "due" }]);
    expect(roundsOn("2026-01-06", 5)).toEqual([{ due: "2026-01-05", step: "after-1" }]);
    expect(roundsOn("2026-01-12", 5)).toEqual([{ due: "2026-01-05", step: "after-7" }]);
    expect(roundsOn("2026-01-03", 5)).toEqual([]);
    // Across a month's end: 3 days before 1 March is in February.
    expect(roundsOn("2025-02-26", 1)).toEqual([{ due: "2025-03-01", step: "before-3" }]);
  });

  it("reads the ledgers due in January from the previous year's matrix", () => {
    expect(yearDueOn("2026-01-05")).toBe("2025");
    expect(yearDueOn("2025-10-05")).toBe("2025");
  });
});

describe("reminder texts", () => {
  it("names only the owing unit's own ledgers due that round, never a 退回 comment", () => {
    const messages = reminderMessages(
      status([
        {
          scope: "乾坤湾村党支部",
          label: "乾坤湾村党支部",
          cells: [cell("dues", "2025", "returned", "2026-01-05", "请补全张三的党费记录")],
        },
        {
          scope: "老牛湾村党支部",
          label: "老牛湾村党支部",
          cells: [cell("dues", "2025", "late", "2026-01-05")],
        },
        {
          scope: "office",
          label: "镇党建办",
          cells: [
            cell("fieldwork", "2025-11", "missing", "2025-12-05"),
            cell("fieldwork", "2025-12", "missing", "2026-01-05"),
          ],
        },
      ]),
      { due: "2026-01-05", step: "after-1" },
      "老牛湾镇",
    );
    expect(messages).toEqual([
      {
        audience: "乾坤湾村党支部",
        count: 1,
        text: "【逾期提醒】乾坤湾村党支部：以下 1 项台账已过报送截止日（2026-01-05），尚未报送：\n1. 党费收缴台账（2025，已退回，请按意见修改后重报）\n请尽快通过台账通报送，谢谢配合！——老牛湾镇党建办",
      },
      {
        audience: "office",
        count: 1,
        text: "【逾期提醒】镇党建办：以下 1 项台账已过报送截止日（2026-01-05），尚未报送：\n1. 到村工作日志（2025-12）\n请尽快通过台账通报送，谢谢配合！——老牛湾镇党建办",
      },
    ]);
  });

  it("lists at most 15 items and counts the rest, so a 企业微信 text stays under 2,048 bytes", () => {
    const cells = Array.from({ length: 40 }, (_, i) =>
      cell("fieldwork", `20${10 + i}-12`, "pending", "2026-01-05"),
    );
    const [message] = reminderMessages(
      status([{ scope: "office", label: "镇党建办", cells }]),
      {
        due: "2026-01-05",
        step: "due",
      },
      "老牛湾镇",
    );
    expect(message.count).toBe(40);
    expect(message.text.split("\n").filter((l) => /^\d+\. /.test(l))).toHaveLength(MAX_REMINDER_ITEMS);
    expect(message.text).toContain("……另有 25 项，请在台账通“报送情况”中查看");
    expect(new TextEncoder().encode(message.text).length).toBeLessThan(2048);
  });

  it("has every text in both languages with the same placeholders", () => {
    const placeholders = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(catalogue["zh-CN"]) as (keyof (typeof catalogue)["zh-CN"])[])
      expect([key, placeholders(catalogue.en[key])]).toEqual([key, placeholders(catalogue["zh-CN"][key])]);
  });
});
