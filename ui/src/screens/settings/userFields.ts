import type { TFunction } from "i18next";
import type { SmallField } from "../../components/SmallForm";

export type UserKey = "name" | "email" | "phone";

export function userFields(t: TFunction): SmallField<UserKey>[] {
  return [
    { key: "name", label: t("customer.name") },
    { key: "email", label: t("customer.email"), type: "email" },
    { key: "phone", label: t("customer.phone"), type: "tel" },
  ];
}
