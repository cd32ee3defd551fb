import { ExportButtons } from "../../components/ExportButtons";
import { useTranslation } from "react-i18next";
import type { Customer } from "../../bindings/Customer";
import { EmptyState, ErrorState, Loading } from "../../components/QueryState";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { useCustomers, useInquiries, useUsers } from "../../queries";
import { useDebounced } from "../../useDebounced";
import { customerQuery, type CustomerFilters } from "./filters";
import { wantsText } from "./wantsText";
import { ScreenHeader } from "../../components/ScreenHeader";

type Props = { filters: CustomerFilters; onFiltersChange: (f: CustomerFilters) => void };

export function CustomerList({ filters, onFiltersChange }: Props) {
  const { t } = useTranslation();
  const nav = useNav();
  const users = useUsers();
  const text = useDebounced(filters.text, 150);
  const customers = useCustomers(customerQuery({ ...filters, text }));
  const filtered = filters.text.trim() !== "" || filters.assigned_user_id !== "";
  const addButton = (
    <button type="button" className="btn btn-primary" onClick={() => nav.go({ name: "customer-new" })} data-testid="customer-add">
      {t("customers.add")}
    </button>
  );

  return (
    <div className="screen" data-testid="customers">
      <ScreenHeader
        title={t("customers.title")}
        meta={
          <>
            {customers.isSuccess && (
              <span className="total" data-testid="customers-total" data-total={customers.data.length}>
                {t("customers.total", { count: customers.data.length })}
              </span>
            )}
          </>
        }
        actions={
          <>
            <ExportButtons kind="customers" />
            <button type="button" className="btn" onClick={() => nav.go({ name: "import", kind: "customers" })} data-testid="customer-import">
              {t("import.open")}
            </button>
            {addButton}
          </>
        }
      />
      <div className="search-row">
        <input
          type="search"
          className="search"
          value={filters.text}
          onChange={(e) => onFiltersChange({ ...filters, text: e.target.value })}
          placeholder={t("customers.searchPlaceholder")}
          aria-label={t("customers.searchLabel")}
          data-testid="customer-search"
          autoFocus
        />
        <label className="inline-label">
          <span>{t("customers.assignedFilter")}</span>
          <select
            value={filters.assigned_user_id}
            onChange={(e) => onFiltersChange({ ...filters, assigned_user_id: e.target.value })}
            data-testid="filter-assigned"
          >
            <option value="">{t("customers.allDealers")}</option>
            {(users.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
                {u.is_me ? ` (${t("settings.me")})` : ""}
              </option>
            ))}
          </select>
        </label>
      </div>

      {customers.isPending ? (
        <Loading />
      ) : customers.isError && !customers.data ? (
        <ErrorState error={customers.error} onRetry={() => void customers.refetch()} />
      ) : customers.data.length === 0 ? (
        filtered ? (
          <EmptyState title={t("customers.noMatchTitle")} body={t("customers.noMatchBody")} testId="customers-no-match" />
        ) : (
          <EmptyState title={t("customers.emptyTitle")} body={t("customers.emptyBody")} action={addButton} testId="customers-empty" />
        )
      ) : (
        <CustomerTable customers={customers.data} busy={customers.isFetching} />
      )}
    </div>
  );
}

function CustomerTable({ customers, busy }: { customers: Customer[]; busy: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const open = (c: Customer) => nav.go({ name: "customer", id: c.id });
  const inquiries = useInquiries();
  // Customers waiting too long for a reply come first, flagged.
  const overdue = new Set((inquiries.data ?? []).filter((q) => q.overdue).map((q) => q.interaction.customer_id));
  const ordered = [...customers.filter((c) => overdue.has(c.id)), ...customers.filter((c) => !overdue.has(c.id))];
  return (
    <table className={`table table-click${busy ? " table-busy" : ""}`} aria-busy={busy} data-testid="customer-table">
      <thead>
        <tr>
          <th scope="col">{t("customer.name")}</th>
          <th scope="col">{t("customer.phone")}</th>
          <th scope="col">{t("customer.region")}</th>
          <th scope="col">{t("customers.columnWants")}</th>
          <th scope="col">{t("customer.source")}</th>
          <th scope="col">{t("customer.assigned")}</th>
        </tr>
      </thead>
      <tbody>
        {ordered.map((c) => (
          <tr
            key={c.id}
            data-testid="customer-row"
            data-customer-id={c.id}
            data-overdue={overdue.has(c.id)}
            tabIndex={0}
            onClick={() => open(c)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                open(c);
              }
            }}
          >
            <td className="cell-strong">
              {c.name}
              {overdue.has(c.id) && (
                <span className="badge badge-overdue" data-testid="customer-overdue">
                  {t("customers.overdue")}
                </span>
              )}
            </td>
            <td className="nowrap">{c.phone}</td>
            <td>{c.region}</td>
            <td>{wantsText(c.wants, t, lang)}</td>
            <td>{t(`source.${c.source}`)}</td>
            <td>{c.assigned_user_name ?? <span className="muted">{t("customer.unassigned")}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
