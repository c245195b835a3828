/**
 * An admin view of a server list (users, group robots): the list, loaded when the view opens and
 * when the server changes, and the one notice that says what the last action did or why a call
 * failed, in the catalogue's words.
 */
import { useEffect, useEffectEvent, useState } from "react";
import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { Api, ApiFailure, ApiResult } from "../api";
import { failureText } from "./failure";
import { useI18n } from "./i18n";
import type { Notice } from "./useChecks";

export function useServerList<T>(api: Api, fetchList: (api: Api) => Promise<ApiResult<T>>, initial: T) {
  const { t } = useI18n();
  const [list, setList] = useState<T>(initial);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Says a failed call as the notice. */
  const fail = (failure: ApiFailure) => setNotice({ intent: "error", text: failureText(t, failure) });
  const refresh = async () => {
    const answer = await fetchList(api);
    if (answer.ok) setList(answer.value);
    else fail(answer.failure);
  };
  const load = useEffectEvent(() => void refresh());
  useEffect(() => load(), [api]);
  return { list, refresh, notice, setNotice, fail };
}

export function NoticeBar({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent}>
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
