import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../../components/QueryState";
import { formatDate } from "../../../time";
import { useLang } from "../../../i18n";
import { useNav } from "../../../navigation";
import { useConditions, useVehicle } from "../../../queries";
import { vehicleName } from "../vehicleText";
import { ConditionEditor } from "./ConditionEditor";
import { newDraft, toDraft } from "./draft";
import { useLabels } from "./labels";
import { ScreenHeader } from "../../../components/ScreenHeader";

/** A new report (`reportId` null, starting from the current one) or an edit of one. */
export function ConditionEditScreen({ vehicleId, reportId }: { vehicleId: string; reportId: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const vehicle = useVehicle(vehicleId);
  const reports = useConditions(vehicleId);
  const labels = useLabels();
  const failed = vehicle.error ?? reports.error;
  const ready = vehicle.data && reports.data && labels;
  const editing = reportId ? reports.data?.find((r) => r.id === reportId) : undefined;
  const previous = reports.data?.[0] ?? null;

  return (
    <div className="screen" data-testid="condition-edit" data-vehicle-id={vehicleId}>
      <ScreenHeader
        back={vehicle.data ? vehicleName(vehicle.data) : t("common.back")}
      />
      <h1>{reportId ? t("condition.editTitle") : t("condition.newTitle")}</h1>
      {failed ? (
        <ErrorState error={failed} onRetry={() => void Promise.all([vehicle.refetch(), reports.refetch()])} />
      ) : !ready ? (
        <Loading />
      ) : reportId && !editing ? (
        <ErrorState error={new Error(t("errors.not_found"))} />
      ) : (
        <>
          {!reportId && previous && <p className="banner">{t("condition.copiedFrom", { date: formatDate(previous.input.inspected_on, lang) })}</p>}
          <ConditionEditor
            initial={editing ? toDraft(editing.input) : newDraft(vehicle.data, previous)}
            labels={labels}
            onSaved={() => nav.back()}
            onCancel={nav.back}
          />
        </>
      )}
    </div>
  );
}
