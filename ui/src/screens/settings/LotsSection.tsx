import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Lot } from "../../bindings/Lot";
import { ErrorState, Loading } from "../../components/QueryState";
import { SmallForm } from "../../components/SmallForm";
import { keys, useLots } from "../../queries";

type Editing = null | "new" | Lot;

export function LotsSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const lots = useLots();
  const [editing, setEditing] = useState<Editing>(null);

  const form = (lot: Lot | null) => (
    <SmallForm
      prefix="lot"
      fields={[
        { key: "name", label: t("settings.lotName") },
        { key: "address", label: t("settings.lotAddress") },
        { key: "phone", label: t("settings.lotPhone"), type: "tel" },
      ]}
      initial={{ name: lot?.name ?? "", address: lot?.address ?? "", phone: lot?.phone ?? "" }}
      onSubmit={(v) => api.saveLot({ id: lot?.id ?? null, ...v })}
      onSaved={() => {
        setEditing(null);
        void qc.invalidateQueries({ queryKey: keys.lots });
        // Vehicle rows carry the lot's name.
        void qc.invalidateQueries({ queryKey: keys.vehicles });
        void qc.invalidateQueries({ queryKey: ["vehicle"] });
      }}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <section className="card" data-testid="settings-lots">
      <div className="card-head">
        <h2>{t("settings.lots")}</h2>
        {editing === null && (
          <button type="button" className="btn" onClick={() => setEditing("new")} data-testid="lot-add">
            {t("settings.addLot")}
          </button>
        )}
      </div>
      <p className="muted">{t("settings.lotsHint")}</p>
      {editing === "new" && form(null)}
      {lots.isPending ? (
        <Loading />
      ) : lots.isError ? (
        <ErrorState error={lots.error} onRetry={() => void lots.refetch()} />
      ) : lots.data.length === 0 ? (
        editing === null && <p className="muted">{t("settings.lotsEmpty")}</p>
      ) : (
        <ul className="rows">
          {lots.data.map((lot) =>
            editing !== null && editing !== "new" && editing.id === lot.id ? (
              <li key={lot.id}>{form(lot)}</li>
            ) : (
              <li key={lot.id} className="row" data-testid="lot-row" data-lot-id={lot.id}>
                <span className="row-main">
                  <strong>{lot.name}</strong>
                  <span className="muted">{t("settings.activeVehicles", { count: lot.active_vehicles })}</span>
                </span>
                <span className="muted">{[lot.address, lot.phone].filter(Boolean).join(" · ")}</span>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setEditing(lot)}
                  disabled={editing !== null}
                  data-testid="lot-edit"
                >
                  {t("common.edit")}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
