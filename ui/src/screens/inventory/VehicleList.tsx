import { ExportButtons } from "../../components/ExportButtons";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, Loading } from "../../components/QueryState";
import { useNav } from "../../navigation";
import { useVehiclePages } from "../../queries";
import { useDebounced } from "../../useDebounced";
import { filtersToQuery, hasFilters, type VehicleFilters } from "./filters";
import { VehicleFilterBar } from "./VehicleFilterBar";
import { VehicleTable } from "./VehicleTable";
import { ScreenHeader } from "../../components/ScreenHeader";

const SEARCH_DEBOUNCE_MS = 150;

type Props = { filters: VehicleFilters; onFiltersChange: (f: VehicleFilters) => void };

export function VehicleList({ filters, onFiltersChange }: Props) {
  const { t } = useTranslation();
  const nav = useNav();
  const text = useDebounced(filters.text, SEARCH_DEBOUNCE_MS);
  const query = filtersToQuery({ ...filters, text });
  const pages = useVehiclePages(query);
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total ?? 0;
  const addButton = (
    <button type="button" className="btn btn-primary" onClick={() => nav.go({ name: "vehicle-new" })} data-testid="vehicle-add">
      {t("inventory.add")}
    </button>
  );

  return (
    <div className="screen" data-testid="inventory">
      <ScreenHeader
        title={t("inventory.title")}
        meta={
          <>
            {pages.isSuccess && (
              <span className="total" data-testid="inventory-total" data-total={total}>
                {t("inventory.total", { count: total })}
              </span>
            )}
          </>
        }
        actions={
          <>
            <ExportButtons kind="vehicles" />
            <button type="button" className="btn" onClick={() => nav.go({ name: "import", kind: "vehicles" })} data-testid="vehicle-import">
              {t("import.open")}
            </button>
            {addButton}
          </>
        }
      />

      <input
        type="search"
        className="search"
        value={filters.text}
        onChange={(e) => onFiltersChange({ ...filters, text: e.target.value })}
        placeholder={t("inventory.searchPlaceholder")}
        aria-label={t("inventory.searchLabel")}
        data-testid="inventory-search"
        autoFocus
      />
      <VehicleFilterBar filters={filters} onChange={onFiltersChange} />

      {pages.isPending ? (
        <Loading />
      ) : pages.isError && !pages.data ? (
        <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
      ) : items.length === 0 ? (
        hasFilters(filters) ? (
          <EmptyState title={t("inventory.noMatchTitle")} body={t("inventory.noMatchBody")} testId="inventory-no-match" />
        ) : (
          <EmptyState title={t("inventory.emptyTitle")} body={t("inventory.emptyBody")} action={addButton} testId="inventory-empty" />
        )
      ) : (
        <>
          <VehicleTable vehicles={items} busy={pages.isFetching && !pages.isFetchingNextPage} />
          {pages.hasNextPage && (
            <div className="more">
              <span className="muted">{t("common.showing", { shown: items.length })}</span>
              <button
                type="button"
                className="btn"
                onClick={() => void pages.fetchNextPage()}
                disabled={pages.isFetchingNextPage}
                data-testid="vehicle-more"
              >
                {pages.isFetchingNextPage ? t("common.loading") : t("common.more")}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
