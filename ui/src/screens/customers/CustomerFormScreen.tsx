import { useTranslation } from "react-i18next";
import { ErrorState, Loading } from "../../components/QueryState";
import { useNav } from "../../navigation";
import { useCustomer, useUsers } from "../../queries";
import { CustomerForm } from "./CustomerForm";
import { customerToDraft, newCustomerDraft } from "./customerDraft";
import { ScreenHeader } from "../../components/ScreenHeader";

export function CustomerCreate() {
  const { t } = useTranslation();
  const nav = useNav();
  const users = useUsers();
  return (
    <div className="screen" data-testid="customer-create">
      <ScreenHeader
        back={t("common.back")}
        title={t("customerForm.createTitle")}
      />
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
      <ScreenHeader
        back={t("common.back")}
        title={t("customerForm.editTitle")}
      />
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
