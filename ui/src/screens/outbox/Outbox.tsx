import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { OutboxEntry } from "../../bindings/OutboxEntry";
import type { OutboxReport } from "../../bindings/OutboxReport";
import { EmptyState, ErrorState, Loading } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { keys, useOutbox } from "../../queries";
import { ScreenHeader } from "../../components/ScreenHeader";

/** The failure codes the core gives; anything else reads as "could not send". */
const KNOWN_ERRORS = [
  "auth_failed",
  "auth_unsupported",
  "recipient_refused",
  "rejected",
  "unreachable",
  "tls",
  "deferred",
  "invalid_address",
  "missing_file",
] as const;
type KnownError = (typeof KNOWN_ERRORS)[number];

function isKnownError(code: string): code is KnownError {
  return (KNOWN_ERRORS as readonly string[]).includes(code);
}

/**
 * The server's own words. The core stores "<English explanation>: <server's
 * words>" for a coded failure; the explanation is shown localised instead.
 */
export function serverWords(entry: Pick<OutboxEntry, "error_code" | "last_error">): string {
  const text = entry.last_error.trim();
  if (!entry.error_code) return text;
  const at = text.indexOf(": ");
  return at >= 0 ? text.slice(at + 2).trim() : text;
}

export function Outbox() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const nav = useNav();
  const errorText = useErrorText();
  const outbox = useOutbox();

  const send = useMutation({
    /** With an id: puts that failed message back in the queue first. */
    mutationFn: async (retryId: string | null): Promise<OutboxReport> => {
      if (retryId) await api.retryOutbox(retryId);
      return api.sendOutbox();
    },
    onSuccess: (report) => {
      qc.setQueryData(keys.outbox, report.entries);
      // A sent message is logged on its customer (and may answer an inquiry).
      void qc.invalidateQueries({ queryKey: ["interactions"] });
      void qc.invalidateQueries({ queryKey: ["sends"] });
      void qc.invalidateQueries({ queryKey: keys.inquiries });
    },
    // A retry may have changed a row even when sending could not start.
    onSettled: () => qc.invalidateQueries({ queryKey: keys.outbox }),
  });

  const sendError = send.error ? toApiError(send.error) : null;

  return (
    <div className="screen" data-testid="outbox">
      <ScreenHeader
        title={t("outbox.title")}
        meta={
          <>
            {outbox.isSuccess && (
              <span className="total" data-testid="outbox-total">
                {t("outbox.total", { count: outbox.data.length })}
              </span>
            )}
          </>
        }
        actions={
          <>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => send.mutate(null)}
              disabled={send.isPending}
              data-testid="outbox-send-now"
            >
              {send.isPending ? t("outbox.sending") : t("outbox.sendNow")}
            </button>
          </>
        }
      />
      <p className="muted">{t("outbox.hint")}</p>

      {send.isSuccess && (
        <p className="banner banner-note outbox-report" role="status" data-testid="outbox-report">
          {t("outbox.report", { sent: send.data.sent, retrying: send.data.retrying, failed: send.data.failed })}
        </p>
      )}
      {sendError &&
        (sendError.code === "no_smtp" ? (
          <div className="banner banner-note outbox-no-smtp" role="status" data-testid="outbox-no-smtp">
            <p className="state-title">{t("outbox.noSmtpTitle")}</p>
            <p>{t("outbox.noSmtp")}</p>
            <button type="button" className="btn" onClick={() => nav.go({ name: "settings" })} data-testid="outbox-open-settings">
              {t("outbox.openSettings")}
            </button>
          </div>
        ) : (
          <div className="banner banner-error" role="alert" data-testid="outbox-send-error">
            <p>{t("outbox.sendFailed")}</p>
            <p className="outbox-server-words">{errorText(sendError)}</p>
          </div>
        ))}

      {outbox.isPending ? (
        <Loading />
      ) : outbox.isError ? (
        <ErrorState error={outbox.error} onRetry={() => void outbox.refetch()} />
      ) : outbox.data.length === 0 ? (
        <EmptyState title={t("outbox.emptyTitle")} body={t("outbox.emptyBody")} testId="outbox-empty" />
      ) : (
        <ul className="outbox-list">
          {outbox.data.map((entry) => (
            <OutboxRow key={entry.id} entry={entry} busy={send.isPending} onRetry={() => send.mutate(entry.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function OutboxRow({ entry, busy, onRetry }: { entry: OutboxEntry; busy: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const showError = entry.state !== "sent" && (entry.error_code !== null || entry.last_error.trim() !== "");
  const words = serverWords(entry);
  const times = [
    entry.state === "sent" && entry.sent_at
      ? t("outbox.sentAt", { at: formatDateTime(entry.sent_at, lang) })
      : t("outbox.queuedAt", { at: formatDateTime(entry.queued_at, lang) }),
    entry.state === "queued" && entry.attempts > 0 ? t("outbox.nextTry", { at: formatDateTime(entry.next_attempt_at, lang) }) : null,
    t("outbox.attempts", { n: entry.attempts }),
  ].filter((s): s is string => s !== null);

  return (
    <li className={`outbox-item outbox-${entry.state}`} data-testid="outbox-row" data-state={entry.state} data-outbox-id={entry.id}>
      <div className="outbox-line">
        <span className={`badge badge-outbox-${entry.state}`} data-testid="outbox-state">
          {t(`outbox.state.${entry.state}`)}
        </span>
        <span className="outbox-subject cell-strong">{entry.subject}</span>
        <span className="outbox-to">
          <span className="visually-hidden">{t("outbox.to")} </span>
          {entry.to_addr}
        </span>
      </div>
      <p className="muted small outbox-times">{times.join(" · ")}</p>
      {showError && (
        <div className={entry.state === "failed" ? "outbox-error" : "outbox-error outbox-error-soft"} data-testid="outbox-error">
          <p className="outbox-why">
            {t(`outbox.error.${entry.error_code && isKnownError(entry.error_code) ? entry.error_code : "other"}`)}
          </p>
          {words && (
            <p className="outbox-server-words" data-testid="outbox-server-words">
              {t("outbox.serverSaid", { words })}
            </p>
          )}
        </div>
      )}
      {entry.state === "failed" && (
        <div className="form-actions">
          <button type="button" className="btn btn-small" onClick={onRetry} disabled={busy} data-testid="outbox-retry">
            {t("outbox.retry")}
          </button>
        </div>
      )}
    </li>
  );
}
