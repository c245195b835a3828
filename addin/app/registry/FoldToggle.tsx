/**
 * 展开其余 N 条 / 收起 under a list folded after its first lines (版本记录's change lines, 重新校验's
 * skipped ledgers): one button, its state told to screen readers.
 */
import { Button } from "@fluentui/react-components";

export function FoldToggle(props: {
  /** How many lines the fold hides. */
  hidden: number;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** The id of the list the button folds. */
  controls: string;
  /** The view's own words (shared/messages/versions.ts). */
  t: (key: "versionLess" | "versionMore", vars?: { count: number }) => string;
}) {
  const { hidden, open, onToggle, controls, t } = props;
  if (hidden <= 0) return null;
  return (
    <div>
      <Button
        size="small"
        appearance="subtle"
        aria-expanded={open}
        aria-controls={controls}
        onClick={() => onToggle(!open)}
      >
        {open ? t("versionLess") : t("versionMore", { count: hidden })}
      </Button>
    </div>
  );
}
