/** A ledger's state in one word and colour (我的报送, the submission lists): 退回 never reads as 未报. */
import { Badge } from "@fluentui/react-components";
import type { CellState } from "../../shared/api";
import type { PaneMessageKey } from "../../shared/messages/pane";
import { useI18n } from "./i18n";

const LOOK: Record<
  CellState,
  { key: PaneMessageKey; color: "success" | "informative" | "warning" | "danger" | "subtle" }
> = {
  submitted: { key: "stateSubmitted", color: "success" },
  late: { key: "stateLate", color: "informative" },
  returned: { key: "stateReturned", color: "warning" },
  missing: { key: "stateMissing", color: "danger" },
  pending: { key: "statePending", color: "subtle" },
};

export function StateBadge({ state }: { state: CellState }) {
  const { t } = useI18n();
  const look = LOOK[state];
  return (
    <Badge appearance="tint" color={look.color} data-state={state}>
      {t(look.key)}
    </Badge>
  );
}
