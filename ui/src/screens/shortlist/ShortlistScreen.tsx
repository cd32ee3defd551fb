// One customer's shortlist: per car the photos that go into the email
// (click to add or remove), then the composer below.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Shortlist } from "../../bindings/Shortlist";
import type { ShortlistItem } from "../../bindings/ShortlistItem";
import { DetailScreen } from "../../components/DetailScreen";
import { useErrorText } from "../../errors";
import { formatMileage, formatPrice } from "../../format";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { photoUrl } from "../../photoUrl";
import { keys, usePhotos, useShortlist } from "../../queries";
import { vehicleName } from "../inventory/vehicleText";
import { Composer } from "./Composer";

export function ShortlistScreen({ id }: { id: string }) {
  const { t } = useTranslation();
  const list = useShortlist(id);
  return (
    <DetailScreen testId="shortlist" dataAttrs={{ "data-shortlist-id": id }} backLabel={t("shortlist.backToCustomer")} query={list}>
      {(data) => <ShortlistView list={data} />}
    </DetailScreen>
  );
}

function ShortlistView({ list }: { list: Shortlist }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <article className="detail">
      <header className="detail-head">
        <div>
          <h1 data-testid="shortlist-title">{list.title || t("shortlist.title")}</h1>
          <p className="muted">{t("shortlist.forCustomer", { name: list.customer_name })}</p>
        </div>
      </header>
      <p className="muted small">{t("shortlist.photosHint")}</p>
      <ol className="shortlist-cars">
        {list.items.map((item) => (
          <ShortlistCar key={item.vehicle.id} list={list} item={item} />
        ))}
      </ol>
      <Composer
        customerId={list.customer_id}
        shortlistId={list.id}
        vehicles={list.items.map((i) => ({ vehicle_id: i.vehicle.id, photo_ids: i.photo_ids }))}
      />
      <section className="card" data-testid="shortlist-history">
        <h2>{t("shortlist.history")}</h2>
        {list.sends.length === 0 ? (
          <p className="muted">{t("shortlist.noHistory")}</p>
        ) : (
          <ul className="sends">
            {list.sends.map((s) => (
              <li key={s.id} data-testid="shortlist-send" data-output={s.output}>
                <span className="log-when">{formatDateTime(s.created_at, lang)}</span>
                <span>{t(`customerLog.sendOutput.${s.output}`)}</span>
                <span className={`badge badge-send-${s.state}`}>{t(`customerLog.sendState.${s.state}`)}</span>
                <span className="log-summary">
                  {s.to_addr || "—"} · {t("customerLog.cars", { count: s.contents.length })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}

function ShortlistCar({ list, item }: { list: Shortlist; item: ShortlistItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const photos = usePhotos(item.vehicle.id);
  const v = item.vehicle;
  const update = (photoIds: string[] | null) => api.setShortlistPhotos(list.id, v.id, photoIds);
  const save = useMutation({
    mutationFn: update,
    onSuccess: (next) => qc.setQueryData(keys.shortlist(list.id), next),
  });
  const remove = useMutation({
    mutationFn: () =>
      api.setShortlistVehicles(
        list.id,
        list.items.map((i) => i.vehicle.id).filter((x) => x !== v.id),
      ),
    onSuccess: (next) => qc.setQueryData(keys.shortlist(list.id), next),
  });
  const toggle = (photoId: string) => {
    const gallery = (photos.data ?? []).map((p) => p.id);
    const on = item.photo_ids.includes(photoId);
    const next = on ? item.photo_ids.filter((x) => x !== photoId) : [...item.photo_ids, photoId];
    // Keep the gallery's order, whatever order they were clicked in.
    save.mutate(gallery.filter((g) => next.includes(g)));
  };
  const summary = lang === "ko" ? item.condition_ko : item.condition_en;
  return (
    <li className="card shortlist-car" data-testid="shortlist-car" data-vehicle-id={v.id}>
      <div className="card-head">
        <div>
          <h2>
            {v.year} {vehicleName(v)}
          </h2>
          <p className="muted small">
            {formatPrice(v.price_krw, lang)} · {formatMileage(v.odometer_km)} · {v.lot_name}
          </p>
          <p className={`condition-line${summary?.startsWith("사고") || summary?.startsWith("Accident") ? " condition-accident" : ""}`}>
            {summary ?? t("shortlist.noCondition")}
          </p>
        </div>
        <div className="toolbar">
          {item.custom_photos && (
            <button type="button" className="btn" onClick={() => save.mutate(null)} data-testid="photos-default">
              {t("shortlist.defaultPhotos")}
            </button>
          )}
          <button
            type="button"
            className="btn btn-danger-quiet"
            disabled={list.items.length <= 1 || remove.isPending}
            onClick={() => remove.mutate()}
            data-testid="shortlist-remove"
          >
            {t("shortlist.remove")}
          </button>
        </div>
      </div>
      <p className="small" data-testid="photos-chosen">
        {t("shortlist.photosChosen", { count: item.photo_ids.length })}
      </p>
      <ul className="pick-photos">
        {(photos.data ?? []).map((p) => {
          const on = item.photo_ids.includes(p.id);
          return (
            <li key={p.id}>
              <button
                type="button"
                className={`pick-photo${on ? " pick-photo-on" : ""}`}
                aria-pressed={on}
                onClick={() => toggle(p.id)}
                disabled={save.isPending}
                data-testid="pick-photo"
                title={p.caption || p.original_name}
              >
                <img src={photoUrl(p.hash, "thumb")} alt={p.caption || p.original_name} loading="lazy" />
                {on && <span className="pick-mark">✓</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {(save.error || remove.error) && (
        <p className="field-error" role="alert">
          {errorText(save.error ?? remove.error)}
        </p>
      )}
    </li>
  );
}
