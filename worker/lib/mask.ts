/**
 * ID numbers never leave the Worker in full (interfaces spec "ID numbers"): everything stored or
 * returned passes through these, keeping the first 6 and last 4 characters.
 */
import { maskId } from "../../shared/read/idcard";

const ID_RUN = /(?<!\d)(\d{17}[\dXx]|\d{15})(?![\dXx])/g;

/** The engine's mask (first 6 + last 4), so messages and stored values agree. */
export const maskIdNumber = (id: string): string => maskId(id);

/** Masks every 15- or 18-character ID-number run inside a text. */
export function maskText(text: string): string {
  return text.replace(ID_RUN, (run) => maskIdNumber(run));
}

/** Masks ID-number runs in strings and in very long integers (an ID typed as a number). */
export function maskValue<T>(value: T): T {
  if (typeof value === "string") return maskText(value) as T;
  if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) >= 1e14) {
    return maskIdNumber(String(value)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => maskValue(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskValue(v);
    return out as T;
  }
  return value;
}
