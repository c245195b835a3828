/**
 * The outbox (addin/app/outbox.ts): what it keeps in IndexedDB (no ID cell, no token), what a new
 * page finds there, and the send rules — one key per attempt, one flight at a time, never to
 * another server or user. IndexedDB is fake-indexeddb's, a fresh database per test.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { IDBFactory } from "fake-indexeddb";
import { createStore, entries } from "idb-keyval";
import { createHash } from "node:crypto";
import { createOutbox, sheetBody, type OutboxBinding, type Submitter } from "../../addin/app/outbox";
import type { Receipt } from "../../addin/api";
import type { SubmissionRequest } from "../../shared/api";
import type { WorkbookInput } from "../../shared/workbook";
import { idNumber } from "../fixtures/common";
import { receipt } from "./pane";

const ID = idNumber("1980-01-01", "男", 1);
const ID_TWO = idNumber("1975-06-30", "女", 2);
const TOKEN = "ledgerline-token-of-li";
const LI: OutboxBinding = { serverUrl: "https://ll.example/", token: TOKEN, userId: "u-li" };

const roll: WorkbookInput = {
  sheets: [
    {
      name: "党员花名册",
      values: [
        ["姓名", "性别", "公民身份号码", "所在支部", "备注"],
        ["张三", "男", ID, "老牛湾村党支部", null],
        // An ID typed as a number (Excel keeps 15 digits) and one inside a remark.
        ["李四", "女", 140932197506300000, "老牛湾村党支部", `原号码 ${ID_TWO} 已更正`],
      ],
      merges: [],
    },
    {
      name: "民情问题台账",
      values: [
        ["编号", "村", "问题描述"],
        ["MQ-001", "老牛湾", "村道塌陷"],
      ],
      merges: ["A1:C1"],
    },
  ],
  date1904: false,
};

function body(
  sheet: string,
  key: string,
  kind = sheet === "党员花名册" ? "members" : "problems",
): SubmissionRequest {
  const input = roll.sheets.find((s) => s.name === sheet);
  if (!input) throw new Error(sheet);
  return { kind, period: "2025", sheetName: sheet, sheet: sheetBody(input, false), idempotencyKey: key };
}

/** A submitter that records each body and answers with the next answer (an Error means no network). */
function server(answers: (Receipt | Error | { status: number })[]) {
  const sent: SubmissionRequest[] = [];
  const submit = vi.fn(async (b: SubmissionRequest): Promise<Awaited<ReturnType<Submitter["submit"]>>> => {
    sent.push(b);
    const next = answers.shift() ?? new Error("nothing scripted");
    if (next instanceof Error)
      return { ok: false, failure: { type: "network", message: next.message, cause: next } };
    if ("status" in next && !("id" in next))
      return {
        ok: false,
        failure: { type: "refused", status: 422, code: "unprocessable", findings: [], message: "有错误" },
      };
    return { ok: true, value: next as Receipt };
  });
  return { submit, sent };
}

let store: ReturnType<typeof createStore>;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  store = createStore("ledgerline-outbox", "attempts");
});

describe("what the outbox keeps in IndexedDB", () => {
  it("empties every cell holding an ID number and keeps only a hash of the token", async () => {
    const outbox = createOutbox({ store });
    await outbox.queue(LI, body("党员花名册", "key-roll-0001"));
    const kept = await entries(store);
    expect(kept).toHaveLength(1);
    const text = JSON.stringify(kept);
    for (const digits of [ID, ID_TWO, ID.slice(6, 14), ID_TWO.slice(6, 14), "140932197506"])
      expect(text).not.toContain(digits);
    expect(text).not.toContain(TOKEN);
    const [, value] = kept[0] as [string, { body: SubmissionRequest; tokenDigest: string; idCells: number }];
    expect(value.tokenDigest).toBe(createHash("sha256").update(TOKEN).digest("hex"));
    expect(value.idCells).toBe(3);
    expect(value.body.sheet.values[1]).toEqual(["张三", "男", null, "老牛湾村党支部", null]);
    expect(value.body.sheet.values[2]).toEqual(["李四", "女", null, "老牛湾村党支部", null]);
    // This page still holds the whole attempt and can send it as it was.
    expect(outbox.list().map((i) => i.state)).toEqual(["ready"]);
  });

  it("keeps a sheet without ID numbers whole, so a new page can send it at once", async () => {
    await createOutbox({ store }).queue(LI, body("民情问题台账", "key-problems-1"));
    const later = createOutbox({ store });
    await later.loaded;
    expect(later.list()).toEqual([
      expect.objectContaining({ id: "key-problems-1", sheetName: "民情问题台账", state: "ready" }),
    ]);
    const { submit, sent } = server([receipt()]);
    const outcome = await later.send("key-problems-1", { submit }, LI);
    expect(outcome.ok).toBe(true);
    expect(sent).toEqual([body("民情问题台账", "key-problems-1")]);
    expect(await entries(store)).toEqual([]);
  });

  it("gives a new page the ID cells back only from the same workbook, then sends the attempt as made", async () => {
    await createOutbox({ store }).queue(LI, body("党员花名册", "key-roll-0002"));
    const later = createOutbox({ store });
    await later.loaded;
    expect(later.list().map((i) => i.state)).toEqual(["needs-file"]);
    const { submit, sent } = server([receipt({ kind: "members" })]);
    expect(await later.send("key-roll-0002", { submit }, LI)).toMatchObject({ notSent: "needs-file" });

    // A workbook whose other cells differ (a name corrected) gives nothing back.
    const edited: WorkbookInput = {
      ...roll,
      sheets: roll.sheets.map((s) =>
        s.name === "党员花名册"
          ? { ...s, values: s.values.map((r, i) => (i === 1 ? ["张叁", ...r.slice(1)] : r)) }
          : s,
      ),
    };
    expect(later.restore(edited)).toBe(0);
    expect(later.restore(roll)).toBe(1);
    expect(later.list().map((i) => i.state)).toEqual(["ready"]);
    await later.send("key-roll-0002", { submit }, LI);
    expect(sent).toEqual([body("党员花名册", "key-roll-0002")]);
    expect(submit).toHaveBeenCalledTimes(1);
  });
});

describe("sending", () => {
  it("sends an attempt once however often it is asked while on its way, with its own key", async () => {
    const outbox = createOutbox({ store });
    await outbox.queue(LI, body("民情问题台账", "key-once-0001"));
    const { submit, sent } = server([receipt()]);
    const [a, b] = await Promise.all([
      outbox.send("key-once-0001", { submit }, LI),
      outbox.send("key-once-0001", { submit }, LI),
    ]);
    expect(a).toBe(b);
    expect(sent.map((s) => s.idempotencyKey)).toEqual(["key-once-0001"]);
    expect(outbox.list()).toEqual([]);
    // Sent and gone: asked again, nothing goes out.
    expect(await outbox.send("key-once-0001", { submit }, LI)).toMatchObject({ notSent: "gone" });
    expect(submit).toHaveBeenCalledTimes(1);
  });

  it("keeps an attempt the network failed, with the same key, and drops one the server refused", async () => {
    const outbox = createOutbox({ store });
    await outbox.queue(LI, body("民情问题台账", "key-retry-001"));
    await outbox.queue(LI, body("党员花名册", "key-refused-1"));
    const { submit, sent } = server([new Error("offline"), { status: 422 }, receipt()]);
    expect(await outbox.send("key-retry-001", { submit }, LI)).toMatchObject({ ok: false, kept: true });
    expect(await outbox.send("key-refused-1", { submit }, LI)).toMatchObject({ ok: false, kept: false });
    expect(outbox.list().map((i) => i.id)).toEqual(["key-retry-001"]);
    expect((await entries(store)).map(([k]) => k)).toEqual(["key-retry-001"]);
    await outbox.send("key-retry-001", { submit }, LI);
    expect(sent.map((s) => s.idempotencyKey)).toEqual(["key-retry-001", "key-refused-1", "key-retry-001"]);
  });

  it("never sends an attempt to another server or as another user, and drops it when the settings change", async () => {
    const outbox = createOutbox({ store });
    await outbox.queue(LI, body("民情问题台账", "key-bound-001"));
    const { submit } = server([receipt()]);
    const elsewhere = { ...LI, serverUrl: "https://evil.example" };
    const wang = { ...LI, token: "token-of-wang", userId: "u-wang" };
    expect(await outbox.send("key-bound-001", { submit }, elsewhere)).toMatchObject({ notSent: "not-yours" });
    expect(await outbox.send("key-bound-001", { submit }, wang)).toMatchObject({ notSent: "not-yours" });
    expect(submit).not.toHaveBeenCalled();
    // The same user with the server URL written differently is the same binding.
    expect(await outbox.reconcile({ ...LI, serverUrl: "https://ll.example" })).toEqual([]);
    expect((await outbox.reconcile(wang)).map((i) => i.id)).toEqual(["key-bound-001"]);
    expect(outbox.list()).toEqual([]);
    expect(await entries(store)).toEqual([]);
  });

  it("tells users apart by the token's hash when the user was unknown (queued offline on a first visit)", async () => {
    await createOutbox({ store }).queue({ ...LI, userId: null }, body("民情问题台账", "key-unknown-1"));
    const later = createOutbox({ store });
    const { submit } = server([receipt()]);
    await later.loaded;
    expect(
      await later.send("key-unknown-1", { submit }, { ...LI, token: "token-of-wang", userId: null }),
    ).toMatchObject({ notSent: "not-yours" });
    expect(await later.send("key-unknown-1", { submit }, LI)).toMatchObject({ ok: true });
  });

  it("replaces a waiting attempt at the same sheet and period with the newer one", async () => {
    const outbox = createOutbox({ store });
    await outbox.queue(LI, body("民情问题台账", "key-older-001"));
    await outbox.queue(LI, body("党员花名册", "key-other-001"));
    await outbox.queue(LI, body("民情问题台账", "key-newer-001"));
    expect(outbox.list().map((i) => i.id)).toEqual(["key-other-001", "key-newer-001"]);
    expect((await entries(store)).map(([k]) => k).sort()).toEqual(["key-newer-001", "key-other-001"]);
  });

  it("replaces an earlier page's waiting attempt at the same sheet, once it is loaded", async () => {
    await createOutbox({ store }).queue(LI, body("民情问题台账", "key-earlier-1"));
    const later = createOutbox({ store });
    await later.queue(LI, body("民情问题台账", "key-later-01"));
    expect(later.list().map((i) => i.id)).toEqual(["key-later-01"]);
    expect((await entries(store)).map(([k]) => k)).toEqual(["key-later-01"]);
  });

  it("works in memory where the browser has no IndexedDB", async () => {
    const outbox = createOutbox({ store: null });
    const { submit, sent } = server([receipt()]);
    const { sent: flight } = await outbox.queue(LI, body("党员花名册", "key-memory-01"), { submit });
    expect(await flight).toMatchObject({ ok: true });
    expect(sent[0]).toEqual(body("党员花名册", "key-memory-01"));
  });
});
