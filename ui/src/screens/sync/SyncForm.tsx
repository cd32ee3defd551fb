import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { SyncSettings } from "../../bindings/SyncSettings";
import { Field, TextField } from "../../components/Field";
import { FormError } from "../../forms/FormParts";
import { useDraftForm, type DraftCheck } from "../../forms/useDraftForm";
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
  const [note, setNote] = useState<"saved" | "forgotten" | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);

  const keep = (saved: SyncSettings) => {
    qc.setQueryData(keys.syncSettings, saved);
    qc.setQueryData(keys.syncStatus, saved.status);
  };

  const form = useDraftForm({
    initial: { folder: stored.folder ?? "", deviceName: stored.device_name, passphrase: "" } as Draft,
    fields: SYNC_FIELDS,
    fieldOf: (key: keyof Draft) => FIELD_OF[key],
    check: (d: Draft): DraftCheck<Save> => ({
      ok: true,
      input: {
        folder: d.folder.trim() || null,
        deviceName: d.deviceName.trim(),
        // Empty keeps the passphrase already in the keychain.
        passphrase: d.passphrase === "" ? null : d.passphrase,
      },
    }),
    save: (v: Save) => api.saveSyncSettings(v.folder, v.deviceName, v.passphrase),
    onSaved: (saved: SyncSettings) => {
      keep(saved);
      form.setDraft((d) => ({ ...d, passphrase: "" }));
      setNote("saved");
    },
    errorText,
    onEdit: () => setNote(null),
  });
  const { formRef, draft, set, err, saving } = form;

  // Forgets the saved passphrase of the saved folder; the rest of the draft is left as typed.
  const forget = useMutation({
    mutationFn: () => api.saveSyncSettings(stored.folder, stored.device_name, ""),
    onSuccess: (saved) => {
      keep(saved);
      setConfirmForget(false);
      setNote("forgotten");
    },
    onError: form.fail,
  });

  const pick = async () => {
    try {
      const folder = await api.pickFolder();
      if (folder) set("folder", folder);
    } catch (e) {
      form.fail(e);
    }
  };

  const busy = saving || forget.isPending;

  const submit = (e: FormEvent) => {
    if (forget.isPending) {
      e.preventDefault();
      return;
    }
    setNote(null);
    form.submit(e);
  };

  return (
    <section className="card" data-testid="sync-settings">
      <h2>{t("sync.settings")}</h2>
      <form ref={formRef} className="form sync-form" onSubmit={submit} noValidate data-testid="sync-form">
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
        <FormError message={form.formError} testId="sync-form-error" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="sync-save">
            {saving ? t("common.saving") : t("common.save")}
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
