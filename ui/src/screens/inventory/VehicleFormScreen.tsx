import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/QueryState";
import { useNav } from "../../navigation";
import { useLots, useVehicle } from "../../queries";
import { newDraft, vehicleToDraft } from "./vehicleDraft";
import { VehicleForm } from "./VehicleForm";
import { ScreenHeader } from "../../components/ScreenHeader";

export function VehicleCreate() {
  const { t } = useTranslation();
  const nav = useNav();
  const lots = useLots();
  return (
    <div className="screen" data-testid="vehicle-create">
      <ScreenHeader
        back={t("common.back")}
        title={t("vehicleForm.createTitle")}
      />
      {lots.isPending ? (
        <Loading />
      ) : lots.isError ? (
        <ErrorState error={lots.error} onRetry={() => void lots.refetch()} />
      ) : (
        <VehicleForm
          id={null}
          initial={newDraft(lots.data[0]?.id ?? "")}
          lots={lots.data}
          onSaved={(v) => nav.replace({ name: "vehicle", id: v.id })}
          onCancel={nav.back}
          onOpenSettings={() => nav.reset({ name: "settings" })}
        />
      )}
    </div>
  );
}

export function VehicleEdit({ id }: { id: string }) {
  const { t } = useTranslation();
  const nav = useNav();
  const lots = useLots();
  const vehicle = useVehicle(id);
  const failed = lots.error ?? vehicle.error;
  return (
    <div className="screen" data-testid="vehicle-edit-screen">
      <ScreenHeader
        back={t("common.back")}
        title={t("vehicleForm.editTitle")}
      />
      {failed ? (
        <ErrorState
          error={failed}
          onRetry={() => {
            void lots.refetch();
            void vehicle.refetch();
          }}
        />
      ) : !lots.data || !vehicle.data ? (
        <Loading />
      ) : (
        <VehicleForm
          id={id}
          initial={vehicleToDraft(vehicle.data)}
          lots={lots.data}
          onSaved={() => nav.back()}
          onCancel={nav.back}
        />
      )}
    </div>
  );
}
