// One campaign's recipients: who was told, who waits in the outbox, who could
// not be reached, and a button to tell the rest (after adding an email address
// or setting up the mail account).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { Campaign } from "../../bindings/Campaign";
import type { CampaignRecipient } from "../../bindings/CampaignRecipient";
import { formatDate, formatDateTime, zonedDate } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { careKeys, keys } from "../../queries";
import { useCareErrorText } from "./careText";

export type RecipientCounts = { sent: number; queued: number; unreachable: number };

export function recipientCounts(recipients: CampaignRecipient[]): RecipientCounts {
  const n = (pred: (r: CampaignRecipient) => boolean) => recipients.filter(pred).length;
  return {
    sent: n((r) => r.state === "sent"),
    queued: n((r) => r.state === "queued"),
    unreachable: n((r) => r.state === "no_email" || r.state === "invalid_email" || r.state === "failed"),
  };
}

type Props = {
  campaign: Campaign;
  /** A send that already failed (e.g. no mail account) before this view opened. */
  sendError?: unknown;
  onSent?: (c: Campaign) => void;
};

export function CampaignDetail({ campaign, sendError, onSent }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const qc = useQueryClient();
  const errorText = useCareErrorText();
  const send = useMutation({
    mutationFn: () => api.sendCampaign(campaign.id),
    onSuccess: (c) => {
      qc.setQueryData<Campaign[]>(careKeys.campaigns, (list) => list?.map((x) => (x.id === c.id ? c : x)));
      void qc.invalidateQueries({ queryKey: careKeys.campaigns });
      void qc.invalidateQueries({ queryKey: keys.outbox });
      void qc.invalidateQueries({ queryKey: careKeys.today });
      onSent?.(c);
    },
  });
  const shown = send.data ?? campaign;
  const failure = send.error ?? (send.isIdle ? sendError : null) ?? null;
  const err = failure ? toApiError(failure) : null;
  const counts = recipientCounts(shown.recipients);

  return (
    <div className="campaign-detail" data-testid="campaign-detail" data-campaign-id={shown.id}>
      <p className="campaign-counts" data-testid="campaign-counts" data-sent={counts.sent} data-queued={counts.queued} data-unreachable={counts.unreachable}>
        {t("care.counts", counts)}
      </p>
      {err && (
        <div className="banner banner-error" role="alert" data-testid="campaign-send-error" data-error-code={err.code}>
          <p>{errorText(err)}</p>
          {err.code === "no_sender" && (
            <button type="button" className="btn" onClick={() => nav.reset({ name: "settings" })} data-testid="campaign-open-email-settings">
              {t("care.openEmailSettings")}
            </button>
          )}
        </div>
      )}
      {shown.recipients.length === 0 ? (
        <p className="muted">{t("care.recipientsEmpty")}</p>
      ) : (
        <table className="table campaign-recipients" data-testid="campaign-recipients">
          <thead>
            <tr>
              <th>{t("care.colCustomer")}</th>
              <th>{t("care.colCar")}</th>
              <th>{t("care.colEmail")}</th>
              <th>{t("care.colState")}</th>
              <th>{t("care.colAt")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.recipients.map((r) => (
              <tr key={r.owner.sale_id} data-testid="campaign-recipient" data-state={r.state} data-sale-id={r.owner.sale_id}>
                <td className="cell-strong">{r.owner.customer_name}</td>
                <td>
                  {r.owner.vehicle_label}
                  {r.owner.vin && <span className="muted mono small"> {r.owner.vin}</span>}
                </td>
                <td>{r.owner.email || <span className="muted">{t("care.noEmail")}</span>}</td>
                <td>
                  <span className={`badge badge-recipient-${r.state}`}>{t(`care.recipientState.${r.state}`)}</span>
                  {r.state === "failed" && r.detail && <span className="muted small"> {r.detail}</span>}
                </td>
                <td className="nowrap">{formatDateTime(r.at, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <button type="button" className="btn" disabled={send.isPending} onClick={() => send.mutate()} data-testid="campaign-resend">
          {send.isPending ? t("care.sending") : t("care.sendRest")}
        </button>
        {counts.queued > 0 && (
          <button type="button" className="btn btn-link" onClick={() => nav.reset({ name: "outbox" })} data-testid="campaign-open-outbox">
            {t("care.openOutbox")}
          </button>
        )}
        <span className="muted small">{t("care.created", { date: formatDate(zonedDate(shown.created_at), lang) })}</span>
      </div>
    </div>
  );
}
