/**
 * 报送情况 (StatusBoard.tsx), loaded when first opened: only the office opens it, so its code
 * stays off the page's first screen.
 */
import { Suspense, lazy } from "react";
import type { StatusViewProps } from "./StatusBoard";

const StatusBoard = lazy(() => import("./StatusBoard").then((m) => ({ default: m.StatusBoard })));

export function StatusView(props: StatusViewProps) {
  return (
    <Suspense fallback={null}>
      <StatusBoard {...props} />
    </Suspense>
  );
}
