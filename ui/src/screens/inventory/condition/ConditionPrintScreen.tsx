import { useTranslation } from "react-i18next";
import type { ConditionReport } from "../../../bindings/ConditionReport";
import type { Vehicle } from "../../../bindings/Vehicle";
import { ErrorState, Loading } from "../../../components/QueryState";
import { formatDate } from "../../../time";
import { useLang } from "../../../i18n";
import { useConditions, useVehicle } from "../../../queries";
import { vehicleName } from "../vehicleText";
import { SheetDiagram } from "./Diagram";
import { Attention, basicsRows } from "./Findings";
import { itemValue } from "./draft";
import { useLabels, type Labels } from "./labels";
import { Summary } from "./Summary";
import { usePreview } from "./usePreview";
import { OpenRecallNotice } from "../../recalls/OpenRecallNotice";
import { useVehicleRecalls } from "../../recalls/recallQueries";
import { ScreenHeader } from "../../../components/ScreenHeader";

/** An A4 page of the report for the buyer's file: print with the browser's print (Ctrl+P works too). */
export function ConditionPrintScreen({ vehicleId, reportId }: { vehicleId: string; reportId: string }) {
  const { t } = useTranslation();
  const vehicle = useVehicle(vehicleId);
  const reports = useConditions(vehicleId);
  const labels = useLabels();
  const report = reports.data?.find((r) => r.id === reportId);
  const failed = vehicle.error ?? reports.error;
  return (
    <div className="screen print-screen" data-testid="condition-print-screen">
      <ScreenHeader
        className="no-print"
        back={t("common.back")}
        meta={
          <>
            <button type="button" className="btn btn-primary" onClick={() => window.print()} data-testid="condition-print-now">
              {t("condition.printNow")}
            </button>
          </>
        }
      />
      {failed ? (
        <ErrorState error={failed} />
      ) : !vehicle.data || !reports.data || !labels ? (
        <Loading />
      ) : !report ? (
        <ErrorState error={new Error(t("errors.not_found"))} />
      ) : (
        <PrintSheet vehicle={vehicle.data} report={report} labels={labels} />
      )}
    </div>
  );
}

function PrintSheet({ vehicle, report, labels }: { vehicle: Vehicle; report: ConditionReport; labels: Labels }) {
  const { t } = useTranslation();
  const lang = useLang();
  const preview = usePreview(report.input, null);
  const input = report.input;
  const recalls = useVehicleRecalls(vehicle.id);
  // A sold car's open recall is the owner's to hear by the campaign; a car for sale prints it.
  const openRecalls = vehicle.status === "sold" ? [] : (recalls.data ?? []).filter((r) => r.state === "open");
  return (
    <article className="a4-sheet" data-testid="condition-print-sheet">
      <header className="a4-head">
        <h1>{t("condition.printTitle")}</h1>
        <p>
          {vehicleName(vehicle)} · {vehicle.year} · {vehicle.plate} · VIN {vehicle.vin}
        </p>
      </header>
      <Summary report={report} />
      <OpenRecallNotice open={openRecalls} testId="condition-print-recall" />
      <Attention disclosures={report.disclosures} labels={labels} />
      {preview.data && <SheetDiagram svg={preview.data.svg} label={t("condition.diagram")} testId="condition-print-diagram" />}
      <div className="a4-columns">
        <section>
          <h2>{t("condition.basics")}</h2>
          <table className="a4-table">
            <tbody>
              <tr>
                <th>{t("condition.inspected_on")}</th>
                <td>{formatDate(input.inspected_on, lang)}</td>
              </tr>
              {basicsRows(input, t).map(([label, value]) => (
                <tr key={label}>
                  <th>{label}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t("condition.markedPanels")}</h2>
          {input.panels.length === 0 ? (
            <p>{t("condition.noMarked")}</p>
          ) : (
            <table className="a4-table">
              <thead>
                <tr>
                  <th>{t("condition.panelTable.panel")}</th>
                  <th>{t("condition.panelTable.marks")}</th>
                  <th>{t("condition.panelTable.paint")}</th>
                  <th>{t("condition.panelTable.note")}</th>
                </tr>
              </thead>
              <tbody>
                {input.panels.map((p) => (
                  <tr key={p.panel}>
                    <td>{labels.panel(p.panel)}</td>
                    <td>{p.marks.map((m) => `${m} ${labels.mark(m)}`).join(", ")}</td>
                    <td>{p.paint_um ?? ""}</td>
                    <td>{p.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h2>{t("condition.mechanical")}</h2>
          <table className="a4-table a4-items">
            <tbody>
              {labels.catalog.items.map((i) => {
                const v = itemValue(input, i.key);
                const fault = v !== "" && v !== labels.codes(i.states)[0];
                return (
                  <tr key={i.key} className={fault ? "is-fault" : undefined}>
                    <th>
                      {labels.section(i.section)} · {labels.part(i.key)}
                    </th>
                    <td>{v ? labels.state(i.key, v) : t("condition.state.unset")}</td>
                  </tr>
                );
              })}
              {labels.catalog.tyres.map((ty) => (
                <tr key={ty.key}>
                  <th>{labels.part(`tyre.${ty.key}`)}</th>
                  <td>{itemValue(input, `tyre.${ty.key}`) ? `${itemValue(input, `tyre.${ty.key}`)} mm` : t("condition.state.unset")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      {input.comment && (
        <section>
          <h2>{t("condition.comment")}</h2>
          <p className="notes">{input.comment}</p>
        </section>
      )}
      <footer className="a4-foot">
        <p>
          {t("condition.printSigned")}: {input.inspector} · {formatDate(input.inspected_on, lang)}
        </p>
        <p className="small">{t("condition.printDisclaimer")}</p>
      </footer>
    </article>
  );
}
