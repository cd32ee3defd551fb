// After-sale care: recall and service campaigns to the buyers of sold cars,
// and the follow-up calls that are due.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../bindings/Campaign";
import { ErrorState, Loading } from "../../components/QueryState";
import { formatDate, zonedDate } from "../../time";
import { useLang } from "../../i18n";
import { useCampaigns, useToday } from "../../queries";
import { DueFollowUps } from "../today/DueFollowUps";
import { CampaignDetail, recipientCounts } from "./CampaignDetail";
import { CampaignForm } from "./CampaignForm";
import { RecallList } from "../recalls/RecallList";
import { ScreenHeader } from "../../components/ScreenHeader";

export function Care() {
  const { t } = useTranslation();
  const today = useToday();
  return (
    <div className="screen" data-testid="care">
      <ScreenHeader
        title={t("care.title")}
        meta={
          <>
            <p className="muted">{t("care.hint")}</p>
          </>
        }
      />
      <RecallList />
      <CampaignList />
      <CampaignForm />
      {today.isSuccess && <DueFollowUps items={today.data.follow_ups} today={today.data.date} testId="care-follow-ups" />}
    </div>
  );
}

function CampaignList() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card" data-testid="campaign-list">
      <h2>{t("care.campaigns")}</h2>
      {campaigns.isPending ? (
        <Loading />
      ) : campaigns.isError ? (
        <ErrorState error={campaigns.error} onRetry={() => void campaigns.refetch()} />
      ) : campaigns.data.length === 0 ? (
        <p className="muted" data-testid="campaign-list-empty">
          {t("care.campaignsEmpty")}
        </p>
      ) : (
        <ul className="rows campaign-rows">
          {campaigns.data.map((c) => (
            <CampaignRow key={c.id} campaign={c} open={open === c.id} onToggle={() => setOpen(open === c.id ? null : c.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CampaignRow({ campaign: c, open, onToggle }: { campaign: Campaign; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const counts = recipientCounts(c.recipients);
  return (
    <li className="campaign-row-item">
      <button
        type="button"
        className="row campaign-row"
        aria-expanded={open}
        onClick={onToggle}
        data-testid="campaign-row"
        data-campaign-id={c.id}
      >
        <span className="row-main">
          <strong>{c.title}</strong>
          {c.code && <span className="tag">{c.code}</span>}
        </span>
        <span className="muted small">{t("care.created", { date: formatDate(zonedDate(c.created_at), lang) })}</span>
        <span className="muted">{t("care.counts", counts)}</span>
      </button>
      {open && <CampaignDetail campaign={c} />}
    </li>
  );
}
