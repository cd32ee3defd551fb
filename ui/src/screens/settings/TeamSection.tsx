import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { User } from "../../bindings/User";
import { ErrorState, Loading } from "../../components/QueryState";
import { SmallForm } from "../../components/SmallForm";
import { keys, useUsers } from "../../queries";
import { userFields } from "./userFields";

/** null: no form open; "new": adding; otherwise the member being edited. */
type Editing = null | "new" | User;

export function TeamSection() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const users = useUsers();
  const [editing, setEditing] = useState<Editing>(null);

  const form = (u: User | null) => (
    <SmallForm
      prefix="user"
      fields={userFields(t)}
      initial={{ name: u?.name ?? "", email: u?.email ?? "", phone: u?.phone ?? "" }}
      onSubmit={(v) => api.saveUser({ id: u?.id ?? null, ...v }, u?.is_me ?? false)}
      onSaved={() => {
        setEditing(null);
        void qc.invalidateQueries({ queryKey: keys.users });
        void qc.invalidateQueries({ queryKey: keys.appInfo });
        void qc.invalidateQueries({ queryKey: keys.customers });
      }}
      onCancel={() => setEditing(null)}
    />
  );

  return (
    <section className="card" data-testid="settings-team">
      <div className="card-head">
        <h2>{t("settings.team")}</h2>
        {editing === null && (
          <button type="button" className="btn" onClick={() => setEditing("new")} data-testid="user-add">
            {t("settings.addMember")}
          </button>
        )}
      </div>
      <p className="muted">{t("settings.teamHint")}</p>
      {editing === "new" && form(null)}
      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.length === 0 ? (
        <p className="muted">{t("settings.teamEmpty")}</p>
      ) : (
        <ul className="rows">
          {users.data.map((u) =>
            editing !== null && editing !== "new" && editing.id === u.id ? (
              <li key={u.id}>{form(u)}</li>
            ) : (
              <li key={u.id} className="row" data-testid="user-row" data-user-id={u.id}>
                <span className="row-main">
                  <strong>{u.name}</strong>
                  {u.is_me && <span className="tag">{t("settings.me")}</span>}
                </span>
                <span className="muted">{[u.phone, u.email].filter(Boolean).join(" · ")}</span>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setEditing(u)}
                  disabled={editing !== null}
                  data-testid="user-edit"
                >
                  {t("common.edit")}
                </button>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}
