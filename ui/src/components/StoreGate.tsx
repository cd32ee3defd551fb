import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { toApiError } from "../api";
import { useErrorText } from "../errors";
import { useAppInfo } from "../queries";

/**
 * When the store cannot be opened (e.g. data written by a newer Lotbook),
 * every command fails the same way; one calm full-page explanation beats the
 * same error in every panel.
 */
export function StoreGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const info = useAppInfo();
  if (!info.isError) return children;
  const error = toApiError(info.error);
  return (
    <div className="gate" role="alert" data-testid="store-gate" data-error-code={error.code}>
      <div className="gate-card">
        <h1>{t("gate.title")}</h1>
        <p className="gate-reason">{errorText(error)}</p>
        <p>{t("gate.body")}</p>
        {/* The core's own words (English, with the file's path) are for
            support on the phone, not for the dealer's first read. */}
        <details className="gate-detail" data-testid="gate-detail">
          <summary>{t("gate.detail")}</summary>
          <p>{error.message}</p>
        </details>
        <button type="button" className="btn btn-primary" data-testid="retry" onClick={() => void info.refetch()}>
          {t("common.retry")}
        </button>
      </div>
    </div>
  );
}
