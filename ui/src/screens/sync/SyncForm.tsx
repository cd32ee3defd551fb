import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, ApiError, toApiError } from "../../api";
import type { SyncSettings } from "../../bindings/SyncSettings";
import { Field, TextField } from "../../components/Field";
import { keys } from "../../queries";
import { SYNC_FIELDS, useSyncErrorText } from "./syncErrors";

type Draft = { folder: string; deviceName: string; passphrase: string };

/** Where each draft value's error shows: the core's field names. */
const FIELD_OF: Record<keyof Draft, string> = { folder: "folder", deviceName: "device_name", passphrase: "passphrase" };

type Save = { folder: string | null; deviceName: string; passphrase: string | null };

/** The shared folder, this computer's name and the optional team passphrase. */
export function SyncForm({ stored }: { stored: SyncSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useSyncErrorText();
  const [draft, setDraft] = useState<Draft>(() => ({
    folder: stored.folder ?? "",
    deviceName: stored.device_name,
    passphrase: "",
  }));
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<"saved" | "forgotten" | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);

  const onSaved = (saved: SyncSettings) => {
    qc.setQueryData(keys.syncSettings, saved);
    qc.setQueryData(keys.syncStatus, saved.status);
  };
  const onFailed = (e: unknown) => {
    const err = toApiError(e);
    if (err.field && SYNC_FIELDS.has(err.field)) setErrors({ [err.field]: err });
    else setFormError(err);
  };

  const save = useMutation({
    mutationFn: (v: Save) => api.saveSyncSettings(v.folder, v.deviceName, v.passphrase),
    onSuccess: (saved) => {
      onSaved(saved);
      setDraft((d) => ({ ...d, passphrase: "" }));
      setNote("saved");
    },
    onError: onFailed,
  });

  // Forgets the saved passphrase of the saved folder; the rest of the draft is left as typed.
  const forget = useMutation({
    mutationFn: () => api.saveSyncSettings(stored.folder, stored.device_name, ""),
    onSuccess: (saved) => {
      onSaved(saved);
      setConfirmForget(false);
      setNote("forgotten");
    },
    onError: onFailed,
  });

  const set = (key: keyof Draft, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setNote(null);
    const field = FIELD_OF[key];
    if (errors[field]) {
      setErrors((errs) => {
        const rest = { ...errs };
        delete rest[field];
        return rest;
      });
    }
  };

  const pick = async () => {
    try {
      const folder = await api.pickFolder();
      if (folder) set("folder", folder);
    } catch (e) {
      setFormError(toApiError(e));
    }
  };

  const err = (field: string) => (errors[field] ? errorText(errors[field]) : undefined);
  const busy = save.isPending || forget.isPending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setErrors({});
    setFormError(null);
    setNote(null);
    save.mutate({
      folder: draft.folder.trim() || null,
      deviceName: draft.deviceName.trim(),
      // Empty keeps the passphrase already in the keychain.
      passphrase: draft.passphrase === "" ? null : draft.passphrase,
    });
  };

  return (
    <section className="card" data-testid="sync-settings">
      <h2>{t("sync.settings")}</h2>
      <form className="form sync-form" onSubmit={submit} noValidate data-testid="sync-form">
        <Field name="folder" label={t("sync.folder")} error={err("folder")} hint={t("sync.folderHint")} wide>
          {(c) => (
            <div className="input-with-button">
              <input
                {...c}
                type="text"
                className="mono"
                autoComplete="off"
                spellCheck={false}
                value={draft.folder}
                onChange={(e) => set("folder", e.target.value)}
                data-testid="sync-folder"
              />
              <button type="button" className="btn" onClick={() => void pick()} disabled={busy} data-testid="sync-pick-folder">
                {t("sync.pickFolder")}
              </button>
            </div>
          )}
        </Field>
        <div className="grid">
          <TextField
            name="device_name"
            label={t("sync.deviceName")}
            value={draft.deviceName}
            onChange={(v) => set("deviceName", v)}
            error={err("device_name")}
            hint={t("sync.deviceNameHint")}
            testId="sync-device-name"
          />
          <TextField
            name="passphrase"
            label={t("sync.passphrase")}
            value={draft.passphrase}
            onChange={(v) => set("passphrase", v)}
            error={err("passphrase")}
            hint={t("sync.passphraseHint")}
            type="password"
            placeholder={stored.has_passphrase ? t("sync.passphraseKeep") : undefined}
            testId="sync-passphrase"
          />
        </div>
        <div className="sync-passphrase-state">
          <p className={stored.has_passphrase ? "password-stored" : "muted"} data-testid="sync-passphrase-state">
            {stored.has_passphrase ? t("sync.passphraseStored") : t("sync.passphraseNone")}
          </p>
          {stored.has_passphrase &&
            (confirmForget ? (
              <span className="confirm" role="alertdialog" aria-label={t("sync.forgetConfirm")}>
                <span>{t("sync.forgetConfirm")}</span>
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => forget.mutate()}
                  disabled={busy}
                  data-testid="sync-passphrase-forget-confirm"
                  autoFocus
                >
                  {t("sync.forgetYes")}
                </button>
                <button type="button" className="btn" onClick={() => setConfirmForget(false)} data-testid="sync-passphrase-forget-cancel">
                  {t("common.cancel")}
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="btn btn-small btn-danger-quiet"
                onClick={() => setConfirmForget(true)}
                data-testid="sync-passphrase-forget"
              >
                {t("sync.forget")}
              </button>
            ))}
        </div>
        {formError && (
          <p className="banner banner-error" role="alert" data-testid="sync-form-error">
            {errorText(formError)}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="sync-save">
            {save.isPending ? t("common.saving") : t("common.save")}
          </button>
          {note && (
            <span className="saved-note" role="status" data-testid="sync-saved">
              {note === "saved" ? t("sync.saved") : t("sync.forgotten")}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
