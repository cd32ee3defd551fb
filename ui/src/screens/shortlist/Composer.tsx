// The composer: language, size limit and a personal line; the real email
// previewed in a sandboxed frame (no script can run in it); then save the
// .eml draft, send it through the outbox, or export it for messengers.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { api, ApiError, toApiError } from "../../api";
import type { BudgetPreset } from "../../bindings/BudgetPreset";
import type { ErrorCode } from "../../bindings/ErrorCode";
import type { ComposeProgress } from "../../bindings/ComposeProgress";
import type { ComposeRequest } from "../../bindings/ComposeRequest";
import type { ComposeVehicle } from "../../bindings/ComposeVehicle";
import type { Lang } from "../../bindings/Lang";
import { ErrorState } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { ArchivedInMail } from "./ArchivedInMail";
import { useLang } from "../../i18n";
import { invalidateCustomerLog, useCustomer } from "../../queries";
import { useDebounced } from "../../useDebounced";
import { megabytes, previewHtml } from "./preview";

const PRESETS: BudgetPreset[] = ["gmail", "naver", "outlook", "custom"];
/** Typing in the message re-composes only after a pause. */
const TYPING_PAUSE_MS = 500;

type Props = {
  customerId: string;
  vehicles: ComposeVehicle[];
  shortlistId: string | null;
  introduceUserId?: string | null;
};

function newJobId(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `compose-${Date.now()}-${Math.random()}`;
}

/** "사진 준비 중 12/40" — what the core is doing now. */
function progressText(p: ComposeProgress | null, t: TFunction): string {
  if (!p) return t("composer.composing");
  return t(`composer.step.${p.step}`, { done: p.done, total: p.total });
}

export function Composer({ customerId, vehicles, shortlistId, introduceUserId = null }: Props) {
  const { t } = useTranslation();
  const uiLang = useLang();
  const qc = useQueryClient();
  const errorText = useErrorText();
  // Errors about the customer (an address that is not valid) name them.
  const about = { name: useCustomer(customerId).data?.name };
  const base = useId();
  const [lang, setLang] = useState<Lang>(uiLang);
  const [preset, setPreset] = useState<BudgetPreset>("gmail");
  const [customText, setCustomText] = useState("10");
  const customMb = Math.max(1, Math.min(50, Number.parseInt(useDebounced(customText, TYPING_PAUSE_MS), 10) || 10));
  const [message, setMessage] = useState("");
  const settledMessage = useDebounced(message, TYPING_PAUSE_MS);

  const request: ComposeRequest = {
    customer_id: customerId,
    vehicles,
    lang,
    budget: { preset, custom_mb: preset === "custom" ? customMb : null },
    shortlist_id: shortlistId,
    introduce_user_id: introduceUserId,
    message: settledMessage,
  };
  const [progress, setProgress] = useState<ComposeProgress | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const composed = useQuery({
    queryKey: ["compose", request],
    queryFn: async ({ signal }) => {
      const id = newJobId();
      // A newer request supersedes this one: stop its work in the core.
      signal.addEventListener("abort", () => void api.cancelCompose(id));
      setJobId(id);
      setProgress(null);
      try {
        return await api.composeMail(request, id, setProgress);
      } finally {
        setJobId(null);
      }
    },
    placeholderData: (prev) => prev,
    staleTime: Infinity,
    // Its HTML and diagrams (data URLs) are megabytes of strings: they go
    // when the composer closes, not a minute later (issue 15).
    gcTime: 0,
    retry: false,
  });
  const done = () => void invalidateCustomerLog(qc, customerId);
  const saveEml = useMutation({ mutationFn: () => api.saveEml(request), onSuccess: done });
  const exportFolder = useMutation({ mutationFn: () => api.exportShortlist(request), onSuccess: done });
  const send = useMutation({
    mutationFn: async (): Promise<"sent" | "queued"> => {
      const queued = await api.queueMail(request);
      done();
      // Queued is safe; going out now is a bonus (offline: it waits).
      let report;
      try {
        report = await api.sendOutbox();
      } catch (e) {
        if (toApiError(e).code === "no_smtp") throw e;
        return "queued";
      } finally {
        done();
      }
      const mine = report.entries.find((e) => e.id === queued.id);
      if (mine?.state === "failed") {
        // The outbox's failure codes are ErrorCodes too (src/error.rs).
        throw new ApiError({ code: (mine.error_code ?? "other") as ErrorCode, message: mine.last_error, field: null, problems: [] });
      }
      return mine?.state === "sent" ? "sent" : "queued";
    },
  });

  const mail = composed.data;
  // Built once per composed email, not on every render (a keystroke in the
  // message would otherwise copy the whole HTML again).
  const preview = useMemo(() => (mail ? previewHtml(mail) : null), [mail]);
  // Still typing: the preview is about to change, so nothing may leave yet.
  const busy = composed.isFetching || message !== settledMessage;
  const noVehicles = vehicles.length === 0 && !introduceUserId;

  return (
    <section className="card composer" data-testid="composer">
      <h2>{introduceUserId ? t("composer.introTitle") : t("composer.title")}</h2>
      <div className="composer-options">
        <label htmlFor={`${base}-lang`}>{t("composer.lang")}</label>
        <select id={`${base}-lang`} value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="composer-lang">
          <option value="ko">{t("lang.ko")}</option>
          <option value="en">{t("lang.en")}</option>
        </select>
        <label htmlFor={`${base}-budget`}>{t("composer.budget")}</label>
        <select
          id={`${base}-budget`}
          value={preset}
          onChange={(e) => setPreset(e.target.value as BudgetPreset)}
          data-testid="composer-budget"
        >
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(`composer.budgetPreset.${p}`)}
            </option>
          ))}
        </select>
        {preset === "custom" && (
          <span className="composer-custom">
            <input
              type="number"
              min={1}
              max={50}
              value={customText}
              onChange={(e) => setCustomText(e.target.value)}
              aria-label={t("composer.customMb")}
              data-testid="composer-custom-mb"
            />
            {t("composer.customMb")}
          </span>
        )}
      </div>
      <label htmlFor={`${base}-message`}>{t("composer.message")}</label>
      <textarea
        id={`${base}-message`}
        rows={2}
        value={message}
        placeholder={t("composer.messagePlaceholder")}
        onChange={(e) => setMessage(e.target.value)}
        data-testid="composer-message"
      />

      {busy && (
        <div className="progress progress-indeterminate" role="progressbar" aria-label={t("composer.composing")} data-testid="composer-busy">
          <div className="progress-bar" />
          <span data-testid="composer-progress">{progressText(progress, t)}</span>
          {jobId && (
            <button type="button" className="btn" onClick={() => void api.cancelCompose(jobId)} data-testid="composer-cancel">
              {t("common.cancel")}
            </button>
          )}
        </div>
      )}
      {composed.isError && !busy && toApiError(composed.error).code === "cancelled" ? (
        <p className="banner banner-note" data-testid="composer-cancelled">
          {t("composer.cancelled")}{" "}
          <button type="button" className="btn-link" onClick={() => void composed.refetch()}>
            {t("composer.again")}
          </button>
        </p>
      ) : composed.isError && !busy && toApiError(composed.error).code === "photos_archived" ? (
        <ArchivedInMail vehicles={vehicles} message={errorText(composed.error, about)} onBack={() => void composed.refetch()} />
      ) : (
        composed.isError && !noVehicles && <ErrorState error={composed.error} onRetry={() => void composed.refetch()} about={about} />
      )}
      {mail && (
        <div className="composer-summary" data-testid="composer-summary">
          <div className="meter" aria-hidden="true">
            <div className="meter-fill" style={{ width: `${Math.min(100, (mail.encoded_bytes / mail.budget_bytes) * 100)}%` }} />
          </div>
          <p className="small" data-testid="composer-size">
            {t("composer.size", { size: megabytes(mail.encoded_bytes), budget: megabytes(mail.budget_bytes) })}
            {mail.images.some((i) => i.photo_id !== null) && ` · ${t("composer.photoSize", { edge: mail.photo_edge })}`}
          </p>
          <dl className="facts facts-narrow">
            <div className="fact">
              <dt>{t("composer.to")}</dt>
              <dd data-testid="composer-to">
                {mail.to_addr ? `${mail.to_name} <${mail.to_addr}>` : <span className="muted">{t("composer.noEmail")}</span>}
              </dd>
            </div>
            <div className="fact">
              <dt>{t("composer.subject")}</dt>
              <dd data-testid="composer-subject">{mail.subject}</dd>
            </div>
          </dl>
        </div>
      )}
      <div className="toolbar composer-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={!mail || busy || send.isPending || !mail.to_addr}
          onClick={() => send.mutate()}
          data-testid="composer-send"
        >
          {send.isPending ? t("composer.sending") : t("composer.send")}
        </button>
        <button
          type="button"
          className="btn"
          disabled={!mail || busy || saveEml.isPending}
          onClick={() => saveEml.mutate()}
          data-testid="composer-save-eml"
        >
          {saveEml.isPending ? t("composer.saving") : t("composer.saveEml")}
        </button>
        {!introduceUserId && (
          <button
            type="button"
            className="btn"
            disabled={!mail || busy || exportFolder.isPending}
            onClick={() => exportFolder.mutate()}
            data-testid="composer-export"
          >
            {t("composer.export")}
          </button>
        )}
      </div>
      {saveEml.isSuccess && (
        <p className="banner banner-note" data-testid="composer-saved" data-path={saveEml.data.path}>
          {t("composer.saved", { path: saveEml.data.path })}
        </p>
      )}
      {exportFolder.isSuccess && (
        <p className="banner banner-note" data-testid="composer-exported" data-path={exportFolder.data.path}>
          {t("composer.exported", { path: exportFolder.data.path })}
        </p>
      )}
      {send.isSuccess && (
        <p className="banner banner-note" data-testid="composer-sent" data-result={send.data}>
          {send.data === "sent" ? t("composer.sentNow") : t("composer.queued")}
        </p>
      )}
      {[saveEml.error, exportFolder.error, send.error].filter(Boolean).map((e, i) => (
        <p key={i} className="banner banner-error" role="alert">
          {errorText(e, about)}
        </p>
      ))}
      {preview !== null && (
        <iframe
          className="mail-preview"
          title={t("composer.previewFrame")}
          sandbox=""
          srcDoc={preview}
          data-testid="mail-preview"
        />
      )}
    </section>
  );
}
