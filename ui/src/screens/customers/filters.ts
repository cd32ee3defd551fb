import type { CustomerQuery } from "../../bindings/CustomerQuery";

export type CustomerFilters = { text: string; assigned_user_id: string };

export const emptyCustomerFilters: CustomerFilters = { text: "", assigned_user_id: "" };

export function customerQuery(f: CustomerFilters): CustomerQuery {
  const text = f.text.trim();
  return { text: text === "" ? null : text, assigned_user_id: f.assigned_user_id || null };
}
