/**
 * Coverage (ledgers spec §3 contacts, the "143" fixed contact points): every expected entity
 * must be linked at least once, else `coverage-gap` (cell null, subject = the entity).
 */
import type { Finding } from "../findings";
import type { RuleContext } from "../kinds/types";
import type { EngineText } from "../messages/engine";

/** The expected entities (in their given order, without repeats) that are not covered. */
export function uncovered(expected: Iterable<string>, covered: Iterable<string>): string[] {
  const have = new Set(covered);
  const out: string[] = [];
  const seen = new Set<string>();
  for (const e of expected) {
    if (seen.has(e)) continue;
    seen.add(e);
    if (!have.has(e)) out.push(e);
  }
  return out;
}

/** One `coverage-gap` per uncovered entity; its text names the entity. */
export function coverageFindings(
  expected: Iterable<string>,
  covered: Iterable<string>,
  ctx: RuleContext,
  text: (subject: string) => EngineText,
): Finding[] {
  return uncovered(expected, covered).map((subject) =>
    ctx.finding({ code: "coverage-gap", row: null, column: null, subject, text: text(subject) }),
  );
}
