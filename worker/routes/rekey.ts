/**
 * POST /api/rekey (admin, office): carries the ID numbers' HMACs over to a new ID_HMAC_KEY from a
 * roll the office uploads once (docs/privacy.md, "Changing the key"). Each number of the roll is
 * hashed under the old key (ID_HMAC_KEY_OLD) and the new one; stored rows holding the old HMAC get
 * the new one. When no current roll is left under the old key, the old HMACs are dropped and the
 * new key is the only one: the duplicate check never runs on half the rolls.
 */
import { Hono } from "hono";
import { RekeyRequestSchema, type RekeyResponse } from "../../shared/api";
import { validateWorkbook } from "../../shared/engine";
import { kindById } from "../../shared/kinds";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { auditStatement } from "../db/audit";
import { requireRole } from "../lib/auth";
import { body } from "../lib/validate";
import { hmacHex } from "../lib/crypto";
import { nowIso } from "../lib/dates";
import { idKeys } from "../lib/keys";
import { maskIdsInText } from "../../shared/privacy";

export const rekey = new Hono<AppEnv>().post(
  "/",
  requireRole("admin", "office"),
  body(RekeyRequestSchema),
  async (c) => {
    const db = c.env.DB;
    const { sheetName, sheet } = c.req.valid("json");
    const keys = await idKeys(c.env, db);
    if (!keys.old) {
      throw new ApiError(
        "no-rekey",
        keys.checkable
          ? "没有正在进行的密钥更换：所有身份证号都已使用当前密钥。"
          : "服务器没有旧密钥（ID_HMAC_KEY_OLD），无法更换；请先按 docs/privacy.md 配置旧密钥。",
      );
    }
    const { registry } = await c.var.registry();
    const [result] = validateWorkbook(
      {
        sheets: [{ name: maskIdsInText(sheetName), values: sheet.values, merges: sheet.merges }],
        date1904: sheet.date1904,
      },
      { asOf: c.get("asOf"), registry },
    );
    // Only the numbers are wanted: a roll with other mistakes still carries its members over.
    const columns =
      (result?.kind ? kindById(result.kind, registry) : undefined)?.columns.filter(
        (col) => col.type.t === "id18",
      ) ?? [];
    if (!result || !columns.length) {
      throw new ApiError("kind-mismatch", `工作表“${maskIdsInText(sheetName)}”不是含身份证号的花名册。`);
    }
    const ids = new Set<string>();
    for (const record of result.records)
      for (const col of columns) {
        const id = record.values[col.name];
        if (typeof id === "string") ids.add(id);
      }
    const pairs: { o: string; n: string }[] = [];
    for (const id of ids) pairs.push({ o: await hmacHex(keys.old.key, id), n: await hmacHex(keys.key, id) });
    const [updated] = await db.batch([
      db
        .prepare(
          `UPDATE records SET id_key = ?2,
           id_hmac = (SELECT json_extract(value, '$.n') FROM json_each(?1) WHERE json_extract(value, '$.o') = records.id_hmac)
         WHERE id_key = ?3 AND id_hmac IN (SELECT json_extract(value, '$.o') FROM json_each(?1))`,
        )
        .bind(JSON.stringify(pairs), keys.fingerprint, keys.old.fingerprint),
    ]);
    const { results } = await db
      .prepare(
        `SELECT s.scope AS scope, COUNT(*) AS n FROM records r JOIN submissions s ON s.id = r.submission_id
       WHERE s.current = 1 AND s.status = 'submitted' AND r.id_key = ? GROUP BY s.scope ORDER BY s.scope`,
      )
      .bind(keys.old.fingerprint)
      .all<{ scope: string; n: number }>();
    const remaining = Object.fromEntries(results.map((r) => [r.scope, r.n]));
    const done = results.length === 0;
    const at = nowIso();
    await db.batch([
      ...(done
        ? [
            // No current roll depends on the old key any more: its HMACs (old versions only) are dropped.
            db
              .prepare("UPDATE records SET id_hmac = NULL, id_key = NULL WHERE id_key = ?")
              .bind(keys.old.fingerprint),
            db.prepare("UPDATE meta SET value = ? WHERE key = 'id_key'").bind(keys.fingerprint),
          ]
        : []),
      auditStatement(
        db,
        c.get("user"),
        "rekey",
        null,
        { ids: ids.size, updated: updated?.meta.changes ?? 0, remaining, done },
        at,
      ),
    ]);
    const body: RekeyResponse = { ids: ids.size, updated: updated?.meta.changes ?? 0, remaining, done };
    return c.json(body);
  },
);
