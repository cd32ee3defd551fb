import { ExportButtons } from "../../components/ExportButtons";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Inquiry } from "../../bindings/Inquiry";
import { EmptyState, ErrorState, Loading } from "../../components/QueryState";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { useInquiries } from "../../queries";
import { MailLeads } from "./MailLeads";
import { ScreenHeader } from "../../components/ScreenHeader";

/** 45 -> "45분"; 125 -> "2시간 5분"; 120 -> "2시간" (and "2 h 5 min" in English). */
export function minutesText(total: number, t: TFunction): string {
  const m = Math.max(0, Math.round(total));
  if (m < 60) return t("inquiries.minutes", { m });
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return rest === 0 ? t("inquiries.hours", { h }) : t("inquiries.hoursMinutes", { h, m: rest });
}

export function Inquiries() {
  const { t } = useTranslation();
  const inquiries = useInquiries();
  const overdue = inquiries.data?.filter((q) => q.overdue).length ?? 0;
  return (
    <div className="screen" data-testid="inquiries">
      <ScreenHeader
        title={t("inquiries.title")}
        meta={
          <>
            {inquiries.isSuccess && (
              <span className="total" data-testid="inquiries-total">
                {t("inquiries.total", { count: inquiries.data.length })}
              </span>
            )}
            {overdue > 0 && (
              <span className="badge badge-overdue" data-testid="inquiries-overdue-count">
                {t("inquiries.overdueCount", { n: overdue })}
              </span>
            )}
          </>
        }
        actions={
          <>
            <ExportButtons kind="inquiries" />
          </>
        }
      />
      <p className="muted">{t("inquiries.hint")}</p>
      <MailLeads />
      {inquiries.isPending ? (
        <Loading />
      ) : inquiries.isError ? (
        <ErrorState error={inquiries.error} onRetry={() => void inquiries.refetch()} />
      ) : inquiries.data.length === 0 ? (
        <EmptyState title={t("inquiries.emptyTitle")} body={t("inquiries.emptyBody")} testId="inquiries-empty" />
      ) : (
        // The core's order: overdue first, then waiting, then answered.
        <InquiryTable inquiries={inquiries.data} busy={inquiries.isFetching} />
      )}
    </div>
  );
}

function InquiryTable({ inquiries, busy }: { inquiries: Inquiry[]; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const open = (q: Inquiry) => nav.go({ name: "customer", id: q.interaction.customer_id });
  return (
    <table className={`table table-click${busy ? " table-busy" : ""}`} aria-busy={busy} data-testid="inquiry-table">
      <thead>
        <tr>
          <th scope="col">{t("inquiries.columnState")}</th>
          <th scope="col">{t("inquiries.columnCustomer")}</th>
          <th scope="col">{t("inquiries.columnChannel")}</th>
          <th scope="col">{t("inquiries.columnAt")}</th>
          <th scope="col">{t("inquiries.columnSummary")}</th>
        </tr>
      </thead>
      <tbody>
        {inquiries.map((q) => (
          <tr
            key={q.interaction.id}
            className={q.overdue ? "inquiry-overdue" : undefined}
            data-testid="inquiry-row"
            data-overdue={q.overdue ? "true" : "false"}
            data-customer-id={q.interaction.customer_id}
            tabIndex={0}
            onClick={() => open(q)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                open(q);
              }
            }}
          >
            <td className="nowrap">
              <ReplyState inquiry={q} />
            </td>
            <td className="cell-strong nowrap">{q.customer_name}</td>
            <td className="nowrap">{t(`channel.${q.interaction.channel}`)}</td>
            <td className="nowrap">{formatDateTime(q.interaction.at, lang)}</td>
            <td className="inquiry-summary">
              {q.interaction.summary || <span className="muted">{t("inquiries.noSummary")}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReplyState({ inquiry }: { inquiry: Inquiry }) {
  const { t } = useTranslation();
  const time = minutesText(inquiry.response_minutes, t);
  if (inquiry.overdue) {
    return (
      <span className="badge badge-overdue" data-testid="inquiry-state" data-state="overdue">
        {t("inquiries.overdue", { time })}
      </span>
    );
  }
  if (inquiry.replied_at === null) {
    return (
      <span className="badge badge-waiting" data-testid="inquiry-state" data-state="waiting">
        {t("inquiries.waiting", { time })}
      </span>
    );
  }
  return (
    <span className="muted" data-testid="inquiry-state" data-state="answered">
      {t("inquiries.answered", { time })}
    </span>
  );
}
