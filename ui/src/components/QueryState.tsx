import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { toApiError } from "../api";
import { useErrorText, type ErrorSubject } from "../errors";

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" data-testid="loading">
      {t("common.loading")}
    </div>
  );
}

export function ErrorState({ error, onRetry, about }: { error: unknown; onRetry?: () => void; about?: ErrorSubject }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const err = toApiError(error);
  const localised = text(err, about);
  return (
    <div className="state state-error" role="alert" data-testid="error-state" data-error-code={err.code}>
      <p className="state-title">{t("state.errorTitle")}</p>
      <p>{localised}</p>
      {localised !== err.message && <p className="state-detail">{err.message}</p>}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry} data-testid="retry">
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

export function EmptyState({
  title,
  body,
  action,
  testId = "empty-state",
}: {
  title: string;
  body?: string;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="state state-empty" data-testid={testId}>
      <p className="state-title">{title}</p>
      {body && <p>{body}</p>}
      {action}
    </div>
  );
}
