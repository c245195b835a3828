/**
 * The editor's small parts: the errors placed on fields (a context, so every table reads its own),
 * and inputs that edit a list or an optional number without fighting the clerk's typing.
 */
import { createContext, useContext, useState } from "react";
import { Input, type InputProps } from "@fluentui/react-components";
import type { FieldErrors, FieldPath } from "./draft";
import { numberOrUndefined, splitList } from "./draft";

const ErrorsContext = createContext<FieldErrors>(new Map());
export const ErrorsProvider = ErrorsContext.Provider;

/** The props a Fluent `Field` takes to show the errors of its paths in red under its input. */
export function useFieldError(): (...paths: FieldPath[]) => {
  validationState?: "error";
  validationMessage?: string;
} {
  const errors = useContext(ErrorsContext);
  return (...paths) => {
    const messages = paths.flatMap((p) => errors.get(p) ?? []);
    return messages.length ? { validationState: "error", validationMessage: messages.join("；") } : {};
  };
}

type Rest = Omit<InputProps, "value" | "onChange" | "defaultValue">;

/**
 * A list typed as text (别名: 老牛湾、老牛湾村支部). The text the clerk types is kept as typed, so
 * a trailing 、 is not swallowed; the list goes up on every keystroke.
 */
export function ListInput({
  value,
  onChange,
  ...rest
}: Rest & { value: readonly string[] | undefined; onChange: (list: string[]) => void }) {
  const joined = (value ?? []).join("、");
  const [text, setText] = useState(joined);
  // A change from outside (a row removed above, a reset) replaces what is shown.
  const shown = splitList(text).join("、") === joined ? text : joined;
  return (
    <Input
      {...rest}
      value={shown}
      onChange={(_, d) => {
        setText(d.value);
        onChange(splitList(d.value));
      }}
    />
  );
}

/** An optional number: empty is `undefined`; what is not a number yet stays as typed. */
export function NumberInput({
  value,
  onChange,
  ...rest
}: Rest & { value: number | undefined; onChange: (n: number | undefined) => void }) {
  const [text, setText] = useState(value === undefined ? "" : String(value));
  const shown = numberOrUndefined(text) === value ? text : value === undefined ? "" : String(value);
  return (
    <Input
      {...rest}
      type="number"
      value={shown}
      onChange={(_, d) => {
        setText(d.value);
        onChange(numberOrUndefined(d.value));
      }}
    />
  );
}
