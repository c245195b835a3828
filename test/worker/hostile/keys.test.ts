/**
 * Changing ID_HMAC_KEY (docs/privacy.md, "Changing the key") is never a silent loss of the
 * duplicate check: without the old key, rolls are refused; with it, a clash with a roll hashed
 * under the old key is still found; the office's one-off upload carries the stored HMACs over
 * and, once no current roll is left under the old key, the new key is the only one.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { RekeyRequest, SubmissionRequest } from "../../../shared/api";
import {
  BRANCH1,
  BRANCH2,
  TOKENS,
  answered,
  bearer,
  call,
  idNumber,
  inProcess,
  membersSheet,
  membersSubmission,
  newKey,
  problemsSheet,
  seedUsers,
} from "../helpers";

const OLD = env.ID_HMAC_KEY;
const NEW = "the-new-hmac-key-after-a-leak";
const [A, B, C] = [
  idNumber("1971-01-01", 1, true),
  idNumber("1972-02-02", 2, false),
  idNumber("1973-03-03", 3, true),
];

/** The Worker as deployed with other secrets: a submission, or the office's re-key upload. */
const withKeys = (keys: { ID_HMAC_KEY: string; ID_HMAC_KEY_OLD?: string }) => {
  const api = inProcess({ ID_HMAC_KEY_OLD: undefined, ...keys });
  return {
    submit: (who: keyof typeof TOKENS, body: SubmissionRequest) =>
      answered(api.submissions.$post({ json: body }, bearer(who))),
    rekey: (who: keyof typeof TOKENS, body: RekeyRequest) =>
      answered(api.rekey.$post({ json: body }, bearer(who))),
  };
};

beforeAll(async () => {
  await seedUsers();
  expect((await call("branch1", "POST", "/api/submissions", membersSubmission([A, B]))).status).toBe(201);
});

describe("a new key without the old one", () => {
  it("refuses rolls (the duplicate check cannot run) and takes every other ledger", async () => {
    const rolls = await withKeys({ ID_HMAC_KEY: NEW }).submit("branch2", membersSubmission([C], BRANCH2));
    expect(rolls.status).toBe(503);
    expect(rolls.body.error.code).toBe("rekey-needed");
    const problems = await withKeys({ ID_HMAC_KEY: NEW }).submit("branch2", {
      kind: "problems",
      period: "2025",
      sheetName: "民情问题台账",
      sheet: problemsSheet(1, "乾坤湾村"),
      idempotencyKey: newKey(),
    });
    expect(problems.status).toBe(201);
  });
});

describe("a new key with the old one", () => {
  const both = { ID_HMAC_KEY: NEW, ID_HMAC_KEY_OLD: OLD };

  it("still finds a clash with a roll hashed under the old key, and stores new rolls under the new one", async () => {
    const clash = await withKeys(both).submit("branch2", membersSubmission([C, B], BRANCH2));
    expect(clash.status).toBe(422);
    expect(clash.body.error.code).toBe("duplicate-key");
    const fresh = await withKeys(both).submit("branch2", membersSubmission([C], BRANCH2));
    expect(fresh.status).toBe(201);
  });

  it("carries the stored HMACs over from the office's upload, and finishes when no roll is left", async () => {
    const partial = await withKeys(both).rekey("office", {
      sheetName: "老牛湾村花名册",
      sheet: membersSheet([A]),
    });
    expect(partial).toEqual({
      status: 200,
      body: { ids: 1, updated: 1, remaining: { [BRANCH1]: 1 }, done: false },
    });
    const branch = await withKeys(both).rekey("branch1", {
      sheetName: "x",
      sheet: membersSheet([B]),
    });
    expect(branch.status).toBe(403);
    const done = await withKeys(both).rekey("office", {
      sheetName: "老牛湾村花名册",
      sheet: membersSheet([A, B]),
    });
    expect(done).toEqual({ status: 200, body: { ids: 2, updated: 1, remaining: {}, done: true } });
    const audit = await call("admin", "GET", "/api/audit");
    expect(audit.body.entries[0]).toMatchObject({
      action: "rekey",
      detail: { ids: 2, updated: 1, done: true },
    });
  });

  it("then needs the new key only: the check runs, the old key is no longer asked for", async () => {
    const clash = await withKeys({ ID_HMAC_KEY: NEW }).submit("branch2", membersSubmission([A], BRANCH2));
    expect(clash.status).toBe(422);
    expect(clash.body.error.code).toBe("duplicate-key");
    const again = await withKeys(both).rekey("office", {
      sheetName: "x",
      sheet: membersSheet([A]),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("no-rekey");
    const old = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM records WHERE id_hmac IS NOT NULL AND id_key <> (SELECT value FROM meta WHERE key = 'id_key')",
    ).first<{ n: number }>();
    expect(old?.n).toBe(0);
  });
});
