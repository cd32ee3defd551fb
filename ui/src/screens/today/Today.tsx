import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api";
import type { Lot } from "../../bindings/Lot";
import { EmptyState, ErrorState, Loading } from "../../components/QueryState";
import { StatusBadge } from "../../components/StatusBadge";
import { formatPrice } from "../../format";
import { formatDate, formatLongDate } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { useMarkFirstPaint } from "../../paintMark";
import { emptyVehicleQuery, keys, useAppInfo, useCustomers, useLots, useToday, useVehicleCount } from "../../queries";
import { vehicleName } from "../inventory/vehicleText";
import { DueFollowUps } from "./DueFollowUps";
import { TodayRecalls } from "../recalls/TodayRecalls";
import { OutboxProblems, WaitingInquiries } from "./TodayAlerts";
import { SyncProblems } from "../sync/SyncProblems";
import { ClockProblems } from "../sync/ClockProblems";
import { SyncLine, TodayVisits, VisitConflicts } from "./TodayAgenda";
import { ScreenHeader } from "../../components/ScreenHeader";

const RECENT = 5;

export function Today() {
  const { t } = useTranslation();
  const nav = useNav();
  const info = useAppInfo();
  const lots = useLots();
  const lang = useLang();
  const today = useToday();
  useMarkFirstPaint(today.data !== undefined);
  const me = info.data?.me;
  return (
    <div className="screen" data-testid="today">
      <ScreenHeader
        title={t("today.title")}
        meta={
          <>
            <p className="muted">
              {today.data && <span data-testid="today-date">{formatLongDate(today.data.date, lang)} · </span>}
              {me ? t("today.greeting", { name: me.name }) : t("today.greetingNoName")}
            </p>
          </>
        }
      />

      {today.isPending ? (
        <Loading />
      ) : today.isError ? (
        <section className="card card-alert" data-testid="today-error">
          <h2>{t("today.loadFailed")}</h2>
          <ErrorState error={today.error} onRetry={() => void today.refetch()} />
        </section>
      ) : (
        <>
          <WaitingInquiries inquiries={today.data.inquiries} />
          <TodayVisits visits={today.data.visits} />
          <VisitConflicts conflicts={today.data.visit_conflicts} />
          <DueFollowUps items={today.data.follow_ups} today={today.data.date} />
          <TodayRecalls />
          <OutboxProblems entries={today.data.outbox_problems} />
          <SyncProblems groups={today.data.sync.set_aside} compact />
          <SyncLine status={today.data.sync} today={today.data.date} />
          <ClockProblems status={today.data.sync} compact />
        </>
      )}

      {(info.isSuccess && !me) || (lots.isSuccess && lots.data.length === 0) ? (
        <section className="card card-note" data-testid="today-setup">
          <h2>{t("today.setupTitle")}</h2>
          <ul>
            {info.isSuccess && !me && <li>{t("today.setupMe")}</li>}
            {lots.isSuccess && lots.data.length === 0 && <li>{t("today.setupLots")}</li>}
          </ul>
          <button type="button" className="btn" onClick={() => nav.reset({ name: "settings" })}>
            {t("today.openSettings")}
          </button>
        </section>
      ) : null}

      <div className="tiles">
        <section className="card tile-group" data-testid="today-stock">
          <h2>{t("today.inStockByLot")}</h2>
          {lots.isPending ? (
            <Loading />
          ) : lots.isError ? (
            <ErrorState error={lots.error} onRetry={() => void lots.refetch()} />
          ) : lots.data.length === 0 ? (
            <p className="muted">{t("today.noLots")}</p>
          ) : (
            <ul className="lot-counts">
              {lots.data.map((lot) => (
                <LotStock key={lot.id} lot={lot} />
              ))}
            </ul>
          )}
        </section>
        <ReservedTile />
        <CustomersTile />
      </div>

      <RecentVehicles />
    </div>
  );
}

function LotStock({ lot }: { lot: Lot }) {
  const { t } = useTranslation();
  const count = useVehicleCount({ lot_id: lot.id, status: "in_stock" });
  return (
    <li data-testid="today-lot-stock" data-lot-id={lot.id}>
      <span className="lot-name">{lot.name}</span>
      <span className="count">{count.isSuccess ? t("today.unitCars", { count: count.data }) : "…"}</span>
    </li>
  );
}

function ReservedTile() {
  const { t } = useTranslation();
  const count = useVehicleCount({ status: "reserved" });
  return (
    <section className="card tile" data-testid="today-reserved">
      <h2>{t("today.reserved")}</h2>
      <p className="big-number">
        {count.isSuccess ? t("today.unitCars", { count: count.data }) : count.isError ? "!" : "…"}
      </p>
    </section>
  );
}

function CustomersTile() {
  const { t } = useTranslation();
  const customers = useCustomers({ text: null, assigned_user_id: null });
  return (
    <section className="card tile" data-testid="today-customers">
      <h2>{t("today.customers")}</h2>
      <p className="big-number">
        {customers.isSuccess
          ? t("today.unitPeople", { count: customers.data.length })
          : customers.isError
            ? "!"
            : "…"}
      </p>
    </section>
  );
}

function RecentVehicles() {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  // The list is ordered newest stock date first, so its first page is "recently added".
  const query = { ...emptyVehicleQuery, limit: RECENT };
  const recent = useQuery({ queryKey: keys.vehicleRecent(query), queryFn: () => api.listVehicles(query) });
  return (
    <section className="card" data-testid="today-recent">
      <div className="card-head">
        <h2>{t("today.recent")}</h2>
        <button type="button" className="btn btn-link" onClick={() => nav.reset({ name: "inventory" })}>
          {t("today.viewAll")}
        </button>
      </div>
      {recent.isPending ? (
        <Loading />
      ) : recent.isError ? (
        <ErrorState error={recent.error} onRetry={() => void recent.refetch()} />
      ) : recent.data.items.length === 0 ? (
        <EmptyState
          title={t("today.recentEmpty")}
          action={
            <button type="button" className="btn btn-primary" onClick={() => nav.go({ name: "vehicle-new" })}>
              {t("inventory.add")}
            </button>
          }
        />
      ) : (
        <ul className="recent-list">
          {recent.data.items.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className="recent-item"
                data-testid="recent-vehicle"
                data-vehicle-id={v.id}
                onClick={() => nav.go({ name: "vehicle", id: v.id })}
              >
                <span className="recent-name">
                  {vehicleName(v)} <span className="muted">· {v.year}</span>
                </span>
                <span className="muted">
                  {v.lot_name} · {formatDate(v.stock_date, lang)}
                </span>
                <span className="price">{formatPrice(v.price_krw, lang)}</span>
                <StatusBadge status={v.status} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
