import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, ApiError, toApiError } from "../../api";
import type { ImapPreset } from "../../bindings/ImapPreset";
import type { ImapSettings } from "../../bindings/ImapSettings";
import type { SmtpSecurity } from "../../bindings/SmtpSecurity";
import { SelectField, TextField } from "../../components/Field";
import { ErrorState, Loading } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { FormError } from "../../forms/FormParts";
import { useDraftForm, type DraftCheck } from "../../forms/useDraftForm";
import { parseWhole } from "../../format";
import { useLang } from "../../i18n";
import { formatDateTime } from "../../time";

const SECURITIES: readonly SmtpSecurity[] = ["tls", "starttls", "none"];
const NO_FIELDS: ReadonlySet<string> = new Set();
/** A port the core would refuse, caught before the call. */
const invalidPort = new ApiError({ code: "invalid_port", message: "invalid_port", field: "port", problems: [] });

type ImapDraft = { host: string; port: string; security: SmtpSecurity; username: string; password: string };
type ImapSave = { settings: ImapSettings; password: string | null };
export const mailboxKeys = {
  settings: ["mailbox", "settings"] as const,
  status: ["mailbox", "status"] as const,
  presets: ["mailbox", "presets"] as const,
  leads: ["mailbox", "leads"] as const,
};

/** Settings › Incoming mail: this computer's IMAP account, beside the SMTP one. */
export function MailboxSection() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: mailboxKeys.settings, queryFn: api.imapSettings });
  const presets = useQuery({ queryKey: mailboxKeys.presets, queryFn: api.imapPresets, staleTime: Infinity });
  return (
    <section className="card email-settings" data-testid="settings-mailbox">
      <h2>{t("mailbox.title")}</h2>
      <p className="muted">{t("mailbox.hint")}</p>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <ImapForm key={settings.data?.host ?? "none"} stored={settings.data} presets={presets.data ?? []} />
      )}
      <MailboxState />
    </section>
  );
}

function ImapForm({ stored, presets }: { stored: ImapSettings | null; presets: ImapPreset[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [note, setNote] = useState<string | null>(null);
  const form = useDraftForm({
    initial: {
      host: stored?.host ?? "",
      port: stored ? String(stored.port) : "993",
      security: stored?.security ?? "tls",
      username: stored?.username ?? "",
      password: "",
    } as ImapDraft,
    // The account's problems read above the form, as one line.
    fields: NO_FIELDS,
    fieldOf: (key: keyof ImapDraft) => key,
    check: (d: ImapDraft): DraftCheck<ImapSave> => {
      const n = parseWhole(d.port);
      if (n === null || Number.isNaN(n) || n < 1 || n > 65535) return { ok: false, errors: { port: invalidPort } };
      return {
        ok: true,
        input: {
          settings: { host: d.host.trim(), port: n, security: d.security, username: d.username.trim(), has_password: false },
          password: d.password === "" ? null : d.password,
        },
      };
    },
    save: ({ settings, password }: ImapSave) => api.saveImapSettings(settings, password),
    onSaved: (saved: ImapSettings) => {
      qc.setQueryData(mailboxKeys.settings, saved);
      void qc.invalidateQueries({ queryKey: mailboxKeys.status });
      form.setDraft((d) => ({ ...d, password: "" }));
      setNote(t("mailbox.saved"));
    },
  });
  const { formRef, draft, set, saving } = form;
  const clear = useMutation({
    mutationFn: () => api.clearImapSettings(),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["mailbox"] }),
    onError: form.fail,
  });
  const preset = presets.find((p) => p.host === draft.host.trim());
  // The port check's error, else the core's (always above the form here).
  const error = form.err("port") ?? form.formError;
  const submit = (e: FormEvent) => {
    setNote(null);
    form.clearErrors();
    form.submit(e);
  };
  return (
    <form ref={formRef} className="form email-form" onSubmit={submit} noValidate data-testid="imap-form">
      <div className="smtp-presets" role="group" aria-label={t("mailbox.preset")}>
        <span className="muted">{t("mailbox.preset")}</span>
        {presets.map((p) => (
          <button
            key={p.key}
            type="button"
            className={`btn btn-small${preset?.key === p.key ? " is-selected" : ""}`}
            aria-pressed={preset?.key === p.key}
            onClick={() => form.setDraft((d) => ({ ...d, host: p.host, port: String(p.port), security: p.security }))}
            data-testid={`imap-preset-${p.key}`}
          >
            {t(`emailSettings.presetNames.${p.key}`, { defaultValue: p.label })}
          </button>
        ))}
      </div>
      {preset && (
        <p className="banner banner-note smtp-preset-hint" data-testid="imap-preset-hint">
          {lang === "ko" ? preset.hint_ko : preset.hint_en}
        </p>
      )}
      <div className="grid">
        <TextField name="imap-host" label={t("mailbox.host")} value={draft.host} onChange={(v) => set("host", v)} placeholder="imap.naver.com" testId="imap-host" />
        <TextField name="imap-port" label={t("mailbox.port")} value={draft.port} onChange={(v) => set("port", v)} numeric testId="imap-port" />
        <SelectField
          name="imap-security"
          label={t("mailbox.security")}
          value={draft.security}
          options={SECURITIES.map((s) => ({ value: s, label: t(`mailbox.security_${s}`) }))}
          onChange={(v) => set("security", v)}
          testId="imap-security"
        />
        <TextField name="imap-username" label={t("mailbox.username")} value={draft.username} onChange={(v) => set("username", v)} testId="imap-username" />
        <TextField
          name="imap-password"
          label={t("mailbox.password")}
          value={draft.password}
          onChange={(v) => set("password", v)}
          type="password"
          hint={stored?.has_password ? t("mailbox.passwordKept") : undefined}
          wide
          testId="imap-password"
        />
      </div>
      <FormError message={error ?? null} testId="imap-error" />
      {note && (
        <p className="banner banner-note" data-testid="imap-saved">
          {note}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="imap-save">
          {t("mailbox.save")}
        </button>
        {stored && (
          <button type="button" className="btn" onClick={() => clear.mutate()} disabled={clear.isPending} data-testid="imap-clear">
            {t("mailbox.clear")}
          </button>
        )}
      </div>
    </form>
  );
}

/** How the last look at the mailbox went, in the dealer's words, and "check now". */
function MailboxState() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const status = useQuery({ queryKey: mailboxKeys.status, queryFn: api.mailboxStatus, refetchInterval: 30_000 });
  const check = useMutation({
    mutationFn: () => api.checkMailbox(),
    onSuccess: (report) => {
      qc.setQueryData(mailboxKeys.status, report.status);
      if (report.items.length > 0) void qc.invalidateQueries();
    },
  });
  if (!status.data || status.data.state === "not_set") return null;
  const s = status.data;
  const bad = s.state === "wrong_password" || s.state === "insecure" || s.state === "failed";
  return (
    <div className="mailbox-state" data-testid="mailbox-state" data-state={s.state}>
      <p className={bad ? "banner banner-error" : s.state === "offline" ? "banner banner-note" : "muted"}>
        {t(`mailbox.state.${s.state}`)}
        {s.checked_at && <> · {t("mailbox.lastChecked", { at: formatDateTime(s.checked_at, lang) })}</>}
        {s.state === "ok" && s.idle && <> · {t("mailbox.idle")}</>}
      </p>
      {check.isSuccess && <p className="muted">{t("mailbox.checked", { count: check.data.items.length })}</p>}
      {check.isError && <p className="banner banner-error">{errorText(toApiError(check.error))}</p>}
      <button type="button" className="btn" onClick={() => check.mutate()} disabled={check.isPending} data-testid="mailbox-check">
        {check.isPending ? t("mailbox.checking") : t("mailbox.checkNow")}
      </button>
    </div>
  );
}
