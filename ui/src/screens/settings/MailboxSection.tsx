import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { ImapPreset } from "../../bindings/ImapPreset";
import type { ImapSettings } from "../../bindings/ImapSettings";
import type { SmtpSecurity } from "../../bindings/SmtpSecurity";
import { SelectField, TextField } from "../../components/Field";
import { ErrorState, Loading } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { parseWhole } from "../../format";
import { useLang } from "../../i18n";
import { formatDateTime } from "../../time";

const SECURITIES: readonly SmtpSecurity[] = ["tls", "starttls", "none"];
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
  const errorText = useErrorText();
  const [host, setHost] = useState(stored?.host ?? "");
  const [port, setPort] = useState(stored ? String(stored.port) : "993");
  const [security, setSecurity] = useState<SmtpSecurity>(stored?.security ?? "tls");
  const [username, setUsername] = useState(stored?.username ?? "");
  const [password, setPassword] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (s: ImapSettings) => api.saveImapSettings(s, password === "" ? null : password),
    onSuccess: (saved) => {
      qc.setQueryData(mailboxKeys.settings, saved);
      void qc.invalidateQueries({ queryKey: mailboxKeys.status });
      setPassword("");
      setNote(t("mailbox.saved"));
    },
    onError: (e) => setError(errorText(toApiError(e))),
  });
  const clear = useMutation({
    mutationFn: () => api.clearImapSettings(),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["mailbox"] }),
    onError: (e) => setError(errorText(toApiError(e))),
  });
  const preset = presets.find((p) => p.host === host.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNote(null);
    const n = parseWhole(port);
    if (n === null || Number.isNaN(n) || n < 1 || n > 65535) {
      setError(t("errors.invalid_port"));
      return;
    }
    save.mutate({ host: host.trim(), port: n, security, username: username.trim(), has_password: false });
  };
  return (
    <form className="form email-form" onSubmit={submit} noValidate data-testid="imap-form">
      <div className="smtp-presets" role="group" aria-label={t("mailbox.preset")}>
        <span className="muted">{t("mailbox.preset")}</span>
        {presets.map((p) => (
          <button
            key={p.key}
            type="button"
            className={`btn btn-small${preset?.key === p.key ? " is-selected" : ""}`}
            aria-pressed={preset?.key === p.key}
            onClick={() => {
              setHost(p.host);
              setPort(String(p.port));
              setSecurity(p.security);
            }}
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
        <TextField name="imap-host" label={t("mailbox.host")} value={host} onChange={setHost} placeholder="imap.naver.com" testId="imap-host" />
        <TextField name="imap-port" label={t("mailbox.port")} value={port} onChange={setPort} numeric testId="imap-port" />
        <SelectField
          name="imap-security"
          label={t("mailbox.security")}
          value={security}
          options={SECURITIES.map((s) => ({ value: s, label: t(`mailbox.security_${s}`) }))}
          onChange={setSecurity}
          testId="imap-security"
        />
        <TextField name="imap-username" label={t("mailbox.username")} value={username} onChange={setUsername} testId="imap-username" />
        <TextField
          name="imap-password"
          label={t("mailbox.password")}
          value={password}
          onChange={setPassword}
          type="password"
          hint={stored?.has_password ? t("mailbox.passwordKept") : undefined}
          wide
          testId="imap-password"
        />
      </div>
      {error && (
        <p className="banner banner-error" role="alert" data-testid="imap-error">
          {error}
        </p>
      )}
      {note && (
        <p className="banner banner-note" data-testid="imap-saved">
          {note}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="imap-save">
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
