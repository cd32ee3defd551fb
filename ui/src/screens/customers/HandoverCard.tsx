// Hand the customer to a colleague with a note; the log records it and an
// introduction email can follow through the same composer.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Customer } from "../../bindings/Customer";
import { useErrorText } from "../../errors";
import { useNav } from "../../navigation";
import { invalidateCustomerLog, invalidateCustomers, keys, useUsers } from "../../queries";

export function HandoverCard({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const nav = useNav();
  const errorText = useErrorText();
  const users = useUsers();
  const base = useId();
  const others = (users.data ?? []).filter((u) => u.id !== customer.assigned_user_id);
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  const target = to || others[0]?.id || "";
  const hand = useMutation({
    mutationFn: () => api.handOver(customer.id, target, note),
    onSuccess: (c) => {
      setNote("");
      setTo("");
      qc.setQueryData(keys.customer(c.id), c);
      void invalidateCustomers(qc);
      void invalidateCustomerLog(qc, c.id);
    },
  });
  const doneName = hand.data?.assigned_user_name;
  return (
    <section className="card" data-testid="customer-handover">
      <h2>{t("handover.title")}</h2>
      {others.length === 0 ? (
        <p className="muted">{t("handover.noColleague")}</p>
      ) : (
        <form
          className="handover-form"
          onSubmit={(e) => {
            e.preventDefault();
            hand.mutate();
          }}
        >
          <label htmlFor={`${base}-to`}>{t("handover.to")}</label>
          <select id={`${base}-to`} value={target} onChange={(e) => setTo(e.target.value)} data-testid="handover-to">
            {others.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${base}-note`}>{t("handover.note")}</label>
          <input id={`${base}-note`} value={note} onChange={(e) => setNote(e.target.value)} data-testid="handover-note" />
          <button type="submit" className="btn" disabled={hand.isPending || !target} data-testid="handover-submit">
            {t("handover.submit")}
          </button>
        </form>
      )}
      {hand.error && (
        <p className="field-error" role="alert">
          {errorText(hand.error)}
        </p>
      )}
      {hand.isSuccess && doneName && (
        <p className="banner banner-note" data-testid="handover-done">
          {t("handover.done", { name: doneName })}{" "}
          <button
            type="button"
            className="btn-link"
            onClick={() => nav.go({ name: "compose-intro", customerId: customer.id, userId: hand.data.assigned_user_id ?? "" })}
            data-testid="handover-intro"
          >
            {t("handover.writeIntro")}
          </button>
        </p>
      )}
    </section>
  );
}
