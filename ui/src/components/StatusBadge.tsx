import { useTranslation } from "react-i18next";
import type { VehicleStatus } from "../bindings/VehicleStatus";

export function StatusBadge({ status }: { status: VehicleStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`} data-testid="status-badge" data-status={status}>
      {t(`status.${status}`)}
    </span>
  );
}
