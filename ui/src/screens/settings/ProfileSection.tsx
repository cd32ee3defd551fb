import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import { ErrorState, Loading } from "../../components/QueryState";
import { SmallForm } from "../../components/SmallForm";
import { keys, useAppInfo } from "../../queries";
import { userFields } from "./userFields";

export function ProfileSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const info = useAppInfo();
  const me = info.data?.me ?? null;
  return (
    <section className="card" data-testid="settings-profile">
      <h2>{t("settings.profile")}</h2>
      <p className="muted">{t("settings.profileHint")}</p>
      {info.isPending ? (
        <Loading />
      ) : info.isError ? (
        <ErrorState error={info.error} onRetry={() => void info.refetch()} />
      ) : (
        <SmallForm
          key={me?.id ?? "new"}
          prefix="profile"
          fields={userFields(t)}
          initial={{ name: me?.name ?? "", email: me?.email ?? "", phone: me?.phone ?? "" }}
          onSubmit={(v) => api.saveUser({ id: me?.id ?? null, ...v }, true)}
          onSaved={() => {
            void qc.invalidateQueries({ queryKey: keys.appInfo });
            void qc.invalidateQueries({ queryKey: keys.users });
            void qc.invalidateQueries({ queryKey: keys.customers });
          }}
          savedNote={t("settings.profileSaved")}
        />
      )}
    </section>
  );
}
