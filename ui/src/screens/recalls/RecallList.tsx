// The care screen's recalls: import a maker's file, see each recall's cars,
// and open the campaign that tells the owners of the sold ones (its wording
// carries the recall's code and deadline; it is sent like any campaign).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { useErrorText } from "../../errors";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { careKeys } from "../../queries";
import { formatDate } from "../../time";
import { invalidateRecalls, useRecalls } from "./recallQueries";

export function RecallList() {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const recalls = useRecalls();
  const campaign = useMutation({
    mutationFn: (recallId: string) => api.recallCampaign(recallId, lang),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: careKeys.campaigns });
      void invalidateRecalls(qc);
    },
  });
  return (
    <section className="card" data-testid="recall-list">
      <div className="card-head">
        <h2>{t("recalls.card")}</h2>
        <button type="button" className="btn" onClick={() => nav.go({ name: "import", kind: "recalls" })} data-testid="recall-import">
          {t("recalls.importFile")}
        </button>
      </div>
      <ul className="rows">
        {(recalls.data ?? []).map((r) => (
          <li key={r.id} className="row" data-testid="recall-summary" data-code={r.code}>
            <span className="row-main">
              {r.maker && <span className="muted">{r.maker}</span>}
              <strong>{r.title || r.code}</strong> <span className="tag">{r.code}</span>
            </span>
            {r.deadline && <span className="muted small">{t("recalls.deadline", { date: formatDate(r.deadline, lang) })}</span>}
            <span className="muted small">
              {t("recalls.todayStock")}: {r.open_in_stock} · {t("recalls.todayOwners")}: {r.open_sold}
            </span>
            {r.open_sold > 0 && !r.campaign_id && (
              <button type="button" className="btn btn-small" disabled={campaign.isPending} onClick={() => campaign.mutate(r.id)} data-testid="recall-tell-owners">
                {t("recalls.tellOwners")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {campaign.error && (
        <p className="banner banner-error" role="alert">
          {errorText(campaign.error)}
        </p>
      )}
    </section>
  );
}
