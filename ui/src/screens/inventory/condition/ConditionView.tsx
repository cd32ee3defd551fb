import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConditionReport } from "../../../bindings/ConditionReport";
import { formatMileage } from "../../../format";
import { formatDate } from "../../../time";
import { useLang } from "../../../i18n";
import { Attention, Basics } from "./Findings";
import type { Labels } from "./labels";
import { Diagram } from "./Diagram";
import { MarkChips } from "./MarkChips";
import { PartPhotos } from "./PartPhotos";
import { Summary } from "./Summary";
import { usePreview } from "./usePreview";

/** A saved report, read-only: verdict, diagram (click a panel for its marks and photos), basics, findings. */
export function ConditionView({ report, labels }: { report: ConditionReport; labels: Labels }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [picked, setPicked] = useState<string | null>(null);
  const preview = usePreview(report.input, picked);
  const input = report.input;
  const mark = input.panels.find((p) => p.panel === picked);
  return (
    <div className="condition-view" data-testid="condition-view" data-report-id={report.id}>
      <Summary report={report} />
      <p className="muted small" data-testid="condition-meta">
        {t("condition.meta", {
          date: formatDate(input.inspected_on, lang),
          inspector: input.inspector || t("common.notSet"),
          km: formatMileage(input.odometer_km),
        })}
      </p>
      <div className="condition-body">
        <div className="condition-diagram">
          {preview.data && <Diagram svg={preview.data.svg} label={t("condition.diagram")} onPick={setPicked} testId="condition-diagram" />}
          <p className="muted small">{t("condition.diagramPick")}</p>
        </div>
        <div className="condition-side">
          {picked && (
            <div className="panel-detail" data-testid="panel-detail" data-panel={picked}>
              <h3>{labels.panel(picked)}</h3>
              {mark && mark.marks.length > 0 ? <MarkChips marks={mark.marks} labels={labels} /> : <p className="muted">{t("condition.noMarked")}</p>}
              {mark?.paint_um != null && (
                <p className="small">
                  {t("condition.paint_um")}: {mark.paint_um}
                </p>
              )}
              {mark?.note && <p className="small">{mark.note}</p>}
              <PartPhotos vehicleId={input.vehicle_id} part={picked} />
            </div>
          )}
          <Attention disclosures={report.disclosures} labels={labels} />
          <Basics input={input} />
          {input.comment && (
            <div className="condition-comment">
              <h3>{t("condition.comment")}</h3>
              <p className="notes" data-testid="condition-comment">
                {input.comment}
              </p>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
