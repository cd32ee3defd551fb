// The customer's log (inquiries, replies, calls, emails, handovers) with a
// quick form to log an inquiry or a reply, and the emails made for them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { Channel } from "../../bindings/Channel";
import type { InteractionKind } from "../../bindings/InteractionKind";
import { ErrorState, Loading } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { invalidateCustomerLog, keys } from "../../queries";

/** Opens the e-mail a log entry was made from (kept by the mailbox on the computer that read it). */
function OpenMessage({ interactionId }: { interactionId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const open = useMutation({ mutationFn: () => api.openMailMessage(interactionId) });
  return (
    <>
      <button type="button" className="btn-link small" disabled={open.isPending} onClick={() => open.mutate()} data-testid="log-open-message">
        {t("customerLog.openMessage")}
      </button>
      {open.isError && (
        <span className="field-error small" role="alert">
          {open.error && toApiError(open.error).code === "not_found" ? t("customerLog.messageElsewhere") : errorText(open.error)}
        </span>
      )}
    </>
  );
}

const CHANNELS: Channel[] = ["phone", "email", "sms", "messenger", "web", "walk_in", "other"];

export function CustomerLog({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const log = useQuery({ queryKey: keys.interactions(customerId), queryFn: () => api.listInteractions(customerId) });
  const sends = useQuery({ queryKey: keys.sends(customerId), queryFn: () => api.listSends(customerId) });
  return (
    <section className="card" data-testid="customer-log">
      <h2>{t("customerLog.title")}</h2>
      <LogForm customerId={customerId} />
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.length === 0 ? (
        <p className="muted">{t("customerLog.empty")}</p>
      ) : (
        <ol className="log">
          {log.data.map((i) => (
            <li key={i.id} className={`log-item log-${i.kind}`} data-testid="log-item" data-kind={i.kind}>
              <span className="log-when">{formatDateTime(i.at, lang)}</span>
              <span className="log-kind">
                {t(`interactionKind.${i.kind}`)} · {t(`channel.${i.channel}`)}
              </span>
              <span className="log-summary">{i.summary}</span>
              {i.user_name && <span className="muted small">{i.user_name}</span>}
              {i.message_id && <OpenMessage interactionId={i.id} />}
            </li>
          ))}
        </ol>
      )}
      <h3>{t("customerLog.sends")}</h3>
      {sends.isError && <ErrorState error={sends.error} onRetry={() => void sends.refetch()} />}
      {sends.isSuccess && sends.data.length === 0 && <p className="muted">{t("customerLog.noSends")}</p>}
      {sends.isSuccess && sends.data.length > 0 && (
        <ul className="sends" data-testid="customer-sends">
          {sends.data.map((s) => (
            <li key={s.id} data-testid="send-item" data-output={s.output} data-state={s.state}>
              <span className="log-when">{formatDateTime(s.created_at, lang)}</span>
              <span>{t(`customerLog.sendOutput.${s.output}`)}</span>
              <span className={`badge badge-send-${s.state}`}>{t(`customerLog.sendState.${s.state}`)}</span>
              <span className="log-summary">
                {s.subject} · {t("customerLog.cars", { count: s.contents.length })}
              </span>
              {s.detail && <span className="muted small send-detail">{s.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LogForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const base = useId();
  const [kind, setKind] = useState<InteractionKind>("inquiry");
  const [channel, setChannel] = useState<Channel>("phone");
  const [summary, setSummary] = useState("");
  const save = useMutation({
    mutationFn: () => api.logInteraction({ customer_id: customerId, kind, channel, at: null, summary }),
    onSuccess: () => {
      setSummary("");
      void invalidateCustomerLog(qc, customerId);
    },
  });
  return (
    <form
      className="log-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <div className="segmented" role="radiogroup" aria-label={t("customerLog.title")}>
        {(["inquiry", "reply"] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className={`btn${kind === k ? " btn-primary" : ""}`}
            onClick={() => setKind(k)}
            data-testid={`log-kind-${k}`}
          >
            {k === "inquiry" ? t("customerLog.logInquiry") : t("customerLog.logReply")}
          </button>
        ))}
      </div>
      <label htmlFor={`${base}-channel`} className="visually-hidden">
        {t("customerLog.channel")}
      </label>
      <select id={`${base}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as Channel)} data-testid="log-channel">
        {CHANNELS.map((c) => (
          <option key={c} value={c}>
            {t(`channel.${c}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${base}-summary`} className="visually-hidden">
        {t("customerLog.summary")}
      </label>
      <input
        id={`${base}-summary`}
        className="log-summary-input"
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        placeholder={kind === "inquiry" ? t("customerLog.summaryInquiry") : t("customerLog.summaryReply")}
        data-testid="log-summary"
      />
      <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="log-submit">
        {t("common.add")}
      </button>
      {save.error && (
        <p className="field-error" role="alert">
          {errorText(save.error)}
        </p>
      )}
    </form>
  );
}
