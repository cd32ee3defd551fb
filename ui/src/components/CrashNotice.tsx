import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api";

/** After a crash, one calm word at the next start: what happened is in the log, the data is as it was. */
export function CrashNotice() {
  const { t } = useTranslation();
  const crash = useQuery({ queryKey: ["last_crash"], queryFn: api.lastCrash, staleTime: Infinity, retry: false });
  const [closed, setClosed] = useState(false);
  if (closed || !crash.data) return null;
  return (
    <div className="sample-banner crash-notice" role="status" data-testid="crash-notice">
      <span>{t("diagnostics.crashed")}</span>
      <button type="button" className="btn" onClick={() => setClosed(true)} data-testid="crash-notice-close">
        {t("diagnostics.close")}
      </button>
    </div>
  );
}
