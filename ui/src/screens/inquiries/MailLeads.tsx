import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { formatDateTime } from "../../time";
import { mailboxKeys } from "../settings/MailboxSection";

/** "New customer?": mail from unknown addresses that reads like an inquiry. */
export function MailLeads() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const nav = useNav();
  const leads = useQuery({ queryKey: mailboxKeys.leads, queryFn: api.listMailLeads });
  const accept = useMutation({
    mutationFn: (id: string) => api.acceptMailLead(id),
    onSuccess: (customerId) => {
      void qc.invalidateQueries();
      nav.go({ name: "customer", id: customerId });
    },
  });
  const dismiss = useMutation({
    mutationFn: (id: string) => api.dismissMailLead(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: mailboxKeys.leads }),
  });
  if (!leads.data || leads.data.length === 0) return null;
  return (
    <section className="card mail-leads" data-testid="mail-leads">
      <h2>{t("mailbox.leadsTitle")}</h2>
      <p className="muted">{t("mailbox.leadsHint")}</p>
      <ul className="mail-lead-list">
        {leads.data.map((l) => (
          <li key={l.id} className="mail-lead" data-testid="mail-lead">
            <div className="mail-lead-text">
              <strong>{l.from_name || l.from_addr}</strong> <span className="muted">&lt;{l.from_addr}&gt; · {formatDateTime(l.at, lang)}</span>
              <div className="cell-strong">{l.subject}</div>
              {l.preview && <div className="inquiry-summary">{l.preview}</div>}
            </div>
            <div className="form-actions">
              <button
                type="button"
                className="btn btn-primary btn-small"
                onClick={() => accept.mutate(l.id)}
                disabled={accept.isPending}
                data-testid="mail-lead-accept"
              >
                {t("mailbox.accept")}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => dismiss.mutate(l.id)}
                disabled={dismiss.isPending}
                data-testid="mail-lead-dismiss"
              >
                {t("mailbox.dismiss")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
