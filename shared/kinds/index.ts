/** Every ledger kind. A new kind is one file in this folder and one line here. */
import type { KindDef } from "./types";
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

export function kindById(id: string): KindDef | undefined {
  return KINDS.find((k) => k.id === id);
}

/** A figure of a kind (its type, labels and unit), by the kind's id and the figure's name. */
export function kindFigure(kind: string | null, name: string): Figure | undefined {
  const def = kind ? kindById(kind) : undefined;
  return def && figureOf(def.figures, name);
}
