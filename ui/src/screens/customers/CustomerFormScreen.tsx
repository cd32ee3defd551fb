import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/QueryState";
import { useNav } from "../../navigation";
import { useCustomer, useUsers } from "../../queries";
import { CustomerForm } from "./CustomerForm";
import { customerToDraft, newCustomerDraft } from "./customerDraft";

export function CustomerCreate() {
  const { t } = useTranslation();
  const nav = useNav();
  const users = useUsers();
  return (
    <div className="screen" data-testid="customer-create">
      <div className="screen-head">
        <button type="button" className="btn btn-back" onClick={nav.back} data-testid="back">
          ← {t("common.back")}
        </button>
        <h1>{t("customerForm.createTitle")}</h1>
      </div>
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <CustomerForm
          id={null}
          // New customers are mine unless I hand them over.
          initial={newCustomerDraft(users.data.find((u) => u.is_me)?.id ?? "")}
          users={users.data}
          onSaved={(c) => nav.replace({ name: "customer", id: c.id })}
          onCancel={nav.back}
        />
      )}
    </div>
  );
}

export function CustomerEdit({ id }: { id: string }) {
  const { t } = useTranslation();
  const nav = useNav();
  const users = useUsers();
  const customer = useCustomer(id);
  const failed = users.error ?? customer.error;
  return (
    <div className="screen" data-testid="customer-edit-screen">
      <div className="screen-head">
        <button type="button" className="btn btn-back" onClick={nav.back} data-testid="back">
          ← {t("common.back")}
        </button>
        <h1>{t("customerForm.editTitle")}</h1>
      </div>
      {failed ? (
        <ErrorState
          error={failed}
          onRetry={() => {
            void users.refetch();
            void customer.refetch();
          }}
        />
      ) : !users.data || !customer.data ? (
        <Loading />
      ) : (
        <CustomerForm
          id={id}
          initial={customerToDraft(customer.data)}
          users={users.data}
          onSaved={() => nav.back()}
          onCancel={nav.back}
        />
      )}
    </div>
  );
}
