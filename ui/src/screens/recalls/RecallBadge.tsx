// "리콜 미조치": a car not sold yet with an open recall (inventory list, car page).
import { useTranslation } from "react-i18next";
import type { VehicleStatus } from "../../bindings/VehicleStatus";
import { useOpenRecallIds } from "./recallQueries";

export function RecallBadge({ vehicleId, status }: { vehicleId: string; status: VehicleStatus }) {
  const { t } = useTranslation();
  const open = useOpenRecallIds();
  if (status === "sold" || !open.data?.has(vehicleId)) return null;
  return (
    <span className="badge badge-recall" data-testid="recall-badge" title={t("recalls.badge")}>
      {t("recalls.badge")}
    </span>
  );
}
