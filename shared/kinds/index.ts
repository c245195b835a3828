/**
 * Every ledger kind. A new built-in kind is one file in this folder and one line here; a
 * township's own kinds come from its registry (`ledgers`, ./township.ts).
 */
import type { KindDef } from "./types";
import type { Registry } from "../registry";
import { knownTownshipKind, townshipKind } from "./township";
import { figureOf, type Figure } from "../figures";
import { problems } from "./problems";
import { disputes } from "./disputes";
import { volunteers } from "./volunteers";
import { projects } from "./projects";
import { members } from "./members";
import { dues } from "./dues";
import { staff } from "./staff";
import { contacts } from "./contacts";
import { fieldwork } from "./fieldwork";
import { meetings } from "./meetings";
import { assessment } from "./assessment";
import { branchMeetings } from "./branch-meetings";

export const KINDS: readonly KindDef[] = [
  problems,
  disputes,
  volunteers,
  projects,
  members,
  dues,
  staff,
  contacts,
  fieldwork,
  meetings,
  assessment,
  branchMeetings,
];

/** The built-in kinds, then the township's own (registry revision 2 `ledgers`). */
export function kindsOf(registry: Pick<Registry, "ledgers"> | null | undefined): readonly KindDef[] {
  const own = registry?.ledgers;
  return own?.length ? [...KINDS, ...own.map(townshipKind)] : KINDS;
}

/**
 * A kind by its id: a built-in one, or one of the registry's when a registry is given; without
 * one, a township kind already built from a registry in this session (for display only).
 */
export function kindById(id: string, registry?: Pick<Registry, "ledgers"> | null): KindDef | undefined {
  const kind = kindsOf(registry).find((k) => k.id === id);
  return kind ?? (registry ? undefined : knownTownshipKind(id));
}

/** A figure of a kind (its type, labels and unit), by the kind's id and the figure's name. */
export function kindFigure(
  kind: string | null,
  name: string,
  registry?: Pick<Registry, "ledgers"> | null,
): Figure | undefined {
  const def = kind ? kindById(kind, registry) : undefined;
  return def && figureOf(def.figures, name);
}
