/** Every ledger kind. A new kind is one file in this folder and one line here. */
import type { KindDef } from "./types";
import { figureOf, type Figure } from "../figures";
import type { Locale } from "../messages/pane";
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

export function kindById(id: string): KindDef | undefined {
  return KINDS.find((k) => k.id === id);
}

/** A figure of a kind (its type, labels and unit), by the kind's id and the figure's name. */
export function kindFigure(kind: string | null, name: string): Figure | undefined {
  const def = kind ? kindById(kind) : undefined;
  return def && figureOf(def.figures, name);
}

/**
 * A kind's title in the locale: its English title in the English pane; the Chinese title
 * otherwise, and for a kind this engine does not know, `fallback` (the server's title) or the id.
 */
export function kindTitle(id: string, locale: Locale, fallback?: string): string {
  const def = kindById(id);
  if (!def) return fallback ?? id;
  return locale === "en" && def.titleEn ? def.titleEn : def.title;
}
