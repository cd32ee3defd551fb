import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useDeferredValue, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { api, ApiError, toApiError } from "../../api";
import type { CustomerQuery } from "../../bindings/CustomerQuery";
import type { Lang } from "../../bindings/Lang";
import type { MailTemplate } from "../../bindings/MailTemplate";
import type { SmtpPreset } from "../../bindings/SmtpPreset";
import type { SmtpSecurity } from "../../bindings/SmtpSecurity";
import type { SmtpSettings } from "../../bindings/SmtpSettings";
import { Field, SelectField, TextField } from "../../components/Field";
import { PlaceholderText } from "../../components/PlaceholderText";
import { ErrorState, Loading } from "../../components/QueryState";
import { useErrorText } from "../../errors";
import { parseWhole } from "../../format";
import { useLang } from "../../i18n";
import { LANGS } from "../../i18n/lang";
import { FormError } from "../../forms/FormParts";
import { useDraftForm, type DraftCheck } from "../../forms/useDraftForm";
import { keys } from "../../queries";

const TEAM_NAME = "team.name";
const REPLY_WITHIN = "reply.within_minutes";
const DEFAULT_REPLY_MINUTES = "120";
/** The team form's fields, as the core names them (its setting keys). */
const TEAM_FIELDS: ReadonlySet<string> = new Set([TEAM_NAME, REPLY_WITHIN]);
type TeamDraft = { name: string; minutes: string };

const SECURITIES: readonly SmtpSecurity[] = ["starttls", "tls", "none"];
const PARTS = ["subject", "greeting", "closing", "intro_subject", "intro"] as const;
type Part = (typeof PARTS)[number];
/** What a template may use (the core's `Words`); a colleague only in the introduction. */
const RECOMMEND_VALUES = ["customer", "dealer", "team", "count"] as const;
const INTRO_VALUES = ["customer", "dealer", "team", "colleague", "colleague_phone"] as const;

/** The core's field names the account form shows errors at. */
const SMTP_FIELDS = new Set(["host", "port", "security", "username", "from_addr", "from_name", "password"]);

/** A port the core would refuse (or that does not fit its u16), caught before the call. */
const invalidPort = new ApiError({ code: "invalid_port", message: "invalid_port", field: "port", problems: [] });

/** Like useErrorText, with this section's own codes (host, port, keychain, minutes) in plain words. */
function useSettingErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      switch (err.code) {
        case "keychain":
          return t("emailSettings.errors.keychain");
        case "out_of_range":
          return err.field === REPLY_WITHIN ? t("emailSettings.replyRange") : errorText(err);
        default:
          return errorText(err);
      }
    },
    [t, errorText],
  );
}

export function EmailSection() {
  const { t } = useTranslation();
  return (
    <section className="card email-settings" data-testid="settings-email">
      <h2>{t("emailSettings.title")}</h2>
      <p className="muted">{t("emailSettings.hint")}</p>
      <SmtpAccount />
      <TeamMailSettings />
      <MailTemplates />
    </section>
  );
}

// ---------- the SMTP account of this device ----------

type SmtpDraft = {
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  from_addr: string;
  from_name: string;
  password: string;
};

type SmtpSave = { settings: SmtpSettings; password: string | null };

function draftOf(s: SmtpSettings | null): SmtpDraft {
  return {
    host: s?.host ?? "",
    port: s ? String(s.port) : "587",
    security: s?.security ?? "starttls",
    username: s?.username ?? "",
    from_addr: s?.from_addr ?? "",
    from_name: s?.from_name ?? "",
    password: "",
  };
}

function SmtpAccount() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: keys.smtp, queryFn: api.smtpSettings });
  const presets = useQuery({ queryKey: keys.smtpPresets, queryFn: api.smtpPresets, staleTime: Infinity });
  return (
    <div className="email-part" data-testid="smtp-account">
      <h3>{t("emailSettings.account")}</h3>
      <p className="muted">{t("emailSettings.accountHint")}</p>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SmtpForm stored={settings.data} presets={presets.data ?? []} />
      )}
    </div>
  );
}

/** The preset's name in the UI's language; the core's label for one the UI does not know. */
function presetName(p: SmtpPreset, t: TFunction): string {
  return t(`emailSettings.presetNames.${p.key}`, { defaultValue: p.label });
}

function SmtpForm({ stored, presets }: { stored: SmtpSettings | null; presets: SmtpPreset[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const errorText = useSettingErrorText();
  const [note, setNote] = useState<"saved" | "cleared" | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);

  const form = useDraftForm({
    initial: draftOf(stored),
    fields: SMTP_FIELDS,
    fieldOf: (key: keyof SmtpDraft) => key,
    check: (d: SmtpDraft): DraftCheck<SmtpSave> => {
      const port = parseWhole(d.port);
      if (port === null || Number.isNaN(port) || port < 1 || port > 65535) {
        return { ok: false, errors: { port: port === null ? "required" : invalidPort } };
      }
      return {
        ok: true,
        input: {
          settings: {
            host: d.host.trim(),
            port,
            security: d.security,
            username: d.username.trim(),
            from_addr: d.from_addr.trim(),
            from_name: d.from_name.trim(),
            has_password: stored?.has_password ?? false,
          },
          // Empty keeps the password already in the keychain.
          password: d.password === "" ? null : d.password,
        },
      };
    },
    save: ({ settings, password }: SmtpSave) => api.saveSmtpSettings(settings, password),
    onSaved: (saved: SmtpSettings) => {
      qc.setQueryData(keys.smtp, saved);
      form.setDraft((d) => ({ ...d, password: "" }));
      setNote("saved");
    },
    errorText,
    onEdit: () => setNote(null),
  });
  const { formRef, draft, set, err, saving } = form;

  const clear = useMutation({
    mutationFn: () => api.clearSmtpSettings(),
    onSuccess: () => {
      qc.setQueryData(keys.smtp, null);
      setConfirmClear(false);
      form.setDraft(draftOf(null));
      form.clearErrors();
      setNote("cleared");
    },
    onError: form.fail,
  });

  const applyPreset = (p: SmtpPreset) => {
    form.setDraft((d) => ({ ...d, host: p.host, port: String(p.port), security: p.security }));
    form.clearErrors();
    setNote(null);
  };

  const preset = presets.find((p) => p.host === draft.host.trim());

  const submit = (e: FormEvent) => {
    setNote(null);
    form.submit(e);
  };

  return (
    <form ref={formRef} className="form email-form" onSubmit={submit} noValidate data-testid="smtp-form">
      {presets.length > 0 && (
        <div className="smtp-presets" role="group" aria-label={t("emailSettings.presets")}>
          <span className="muted">{t("emailSettings.presets")}</span>
          {presets.map((p) => (
            <button
              key={p.key}
              type="button"
              className={`btn btn-small${preset?.key === p.key ? " is-selected" : ""}`}
              aria-pressed={preset?.key === p.key}
              onClick={() => applyPreset(p)}
              data-testid={`smtp-preset-${p.key}`}
            >
              {presetName(p, t)}
            </button>
          ))}
        </div>
      )}
      {preset && (
        <p className="banner banner-note smtp-preset-hint" data-testid="smtp-preset-hint">
          {lang === "ko" ? preset.hint_ko : preset.hint_en}
        </p>
      )}
      <div className="grid">
        <TextField
          name="host"
          label={t("emailSettings.host")}
          value={draft.host}
          onChange={(v) => set("host", v)}
          error={err("host")}
          placeholder="smtp.gmail.com"
          testId="smtp-host"
        />
        <TextField
          name="port"
          label={t("emailSettings.port")}
          value={draft.port}
          onChange={(v) => set("port", v)}
          error={err("port")}
          numeric
          testId="smtp-port"
        />
        <SelectField
          name="security"
          label={t("emailSettings.security")}
          value={draft.security}
          options={SECURITIES.map((s) => ({ value: s, label: t(`emailSettings.securityOption.${s}`) }))}
          onChange={(v) => set("security", v)}
          error={err("security")}
          testId="smtp-security"
        />
        <TextField
          name="username"
          label={t("emailSettings.username")}
          value={draft.username}
          onChange={(v) => set("username", v)}
          error={err("username")}
          testId="smtp-username"
        />
        <TextField
          name="from_addr"
          label={t("emailSettings.fromAddr")}
          value={draft.from_addr}
          onChange={(v) => set("from_addr", v)}
          error={err("from_addr")}
          hint={t("emailSettings.fromAddrHint")}
          type="email"
          testId="smtp-from-addr"
        />
        <TextField
          name="from_name"
          label={t("emailSettings.fromName")}
          value={draft.from_name}
          onChange={(v) => set("from_name", v)}
          error={err("from_name")}
          testId="smtp-from-name"
        />
        <TextField
          name="password"
          label={t("emailSettings.password")}
          value={draft.password}
          onChange={(v) => set("password", v)}
          error={err("password")}
          hint={t("emailSettings.passwordHint")}
          type="password"
          placeholder={stored?.has_password ? t("emailSettings.passwordKeep") : undefined}
          wide
          testId="smtp-password"
        />
      </div>
      {stored && (
        <p className={stored.has_password ? "password-stored" : "muted"} data-testid="smtp-password-state">
          {stored.has_password ? t("emailSettings.passwordStored") : t("emailSettings.passwordMissing")}
        </p>
      )}
      {!stored && <p className="muted" data-testid="smtp-none">{t("emailSettings.noAccount")}</p>}
      <FormError message={form.formError} testId="smtp-form-error" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="smtp-save">
          {saving ? t("common.saving") : t("common.save")}
        </button>
        {stored &&
          (confirmClear ? (
            <span className="confirm" role="alertdialog" aria-label={t("emailSettings.clearConfirm")}>
              <span>{t("emailSettings.clearConfirm")}</span>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => clear.mutate()}
                disabled={clear.isPending}
                data-testid="smtp-clear-confirm"
                autoFocus
              >
                {t("emailSettings.clearYes")}
              </button>
              <button type="button" className="btn" onClick={() => setConfirmClear(false)} data-testid="smtp-clear-cancel">
                {t("common.cancel")}
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirmClear(true)} data-testid="smtp-clear">
              {t("emailSettings.clear")}
            </button>
          ))}
        {note && (
          <span className="saved-note" role="status" data-testid="smtp-saved">
            {note === "saved" ? t("emailSettings.saved") : t("emailSettings.cleared")}
          </span>
        )}
      </div>
    </form>
  );
}

// ---------- team name and reply deadline (shared by the team) ----------

function TeamMailSettings() {
  const { t } = useTranslation();
  const name = useQuery({ queryKey: keys.teamSetting(TEAM_NAME), queryFn: () => api.teamSetting(TEAM_NAME) });
  const minutes = useQuery({ queryKey: keys.teamSetting(REPLY_WITHIN), queryFn: () => api.teamSetting(REPLY_WITHIN) });
  const failed = name.isError ? name : minutes.isError ? minutes : null;
  return (
    <div className="email-part" data-testid="team-mail-settings">
      <h3>{t("emailSettings.team")}</h3>
      {name.isPending || minutes.isPending ? (
        <Loading />
      ) : failed ? (
        <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />
      ) : (
        <TeamForm
          key={`${name.data ?? ""}|${minutes.data ?? ""}`}
          storedName={name.data ?? ""}
          storedMinutes={minutes.data ?? DEFAULT_REPLY_MINUTES}
        />
      )}
    </div>
  );
}

function TeamForm({ storedName, storedMinutes }: { storedName: string; storedMinutes: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useSettingErrorText();
  const form = useDraftForm({
    initial: { name: storedName, minutes: storedMinutes } as TeamDraft,
    fields: TEAM_FIELDS,
    fieldOf: (key: keyof TeamDraft) => (key === "name" ? TEAM_NAME : REPLY_WITHIN),
    check: (d: TeamDraft): DraftCheck<TeamDraft> => ({ ok: true, input: { name: d.name.trim(), minutes: d.minutes.trim() } }),
    save: async (v: TeamDraft) => {
      // Only what changed, so a mistake in one does not hold up the other twice.
      if (v.name !== storedName) await api.setTeamSetting(TEAM_NAME, v.name);
      if (v.minutes !== storedMinutes) await api.setTeamSetting(REPLY_WITHIN, v.minutes);
    },
    onSaved: () => {
      void qc.invalidateQueries({ queryKey: keys.teamSetting(TEAM_NAME) });
      void qc.invalidateQueries({ queryKey: keys.teamSetting(REPLY_WITHIN) });
      // Which inquiries are overdue depends on the deadline.
      void qc.invalidateQueries({ queryKey: keys.inquiries });
    },
    errorText,
  });
  const { formRef, draft, set, err, submit, saving, saved } = form;

  return (
    <form ref={formRef} className="form email-form" onSubmit={submit} noValidate data-testid="team-mail-form">
      <div className="grid">
        <TextField
          name={TEAM_NAME}
          label={t("emailSettings.teamName")}
          value={draft.name}
          onChange={(v) => set("name", v)}
          error={err(TEAM_NAME)}
          hint={t("emailSettings.teamNameHint")}
          testId="team-name"
        />
        <TextField
          name={REPLY_WITHIN}
          label={t("emailSettings.replyMinutes")}
          value={draft.minutes}
          onChange={(v) => set("minutes", v)}
          error={err(REPLY_WITHIN)}
          hint={t("emailSettings.replyMinutesHint")}
          numeric
          unit={t("emailSettings.minutesUnit")}
          placeholder={DEFAULT_REPLY_MINUTES}
          testId="reply-minutes"
        />
      </div>
      <FormError message={form.formError} testId="team-mail-error" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="team-name-save">
          {saving ? t("common.saving") : t("common.save")}
        </button>
        {saved && (
          <span className="saved-note" role="status" data-testid="team-mail-saved">
            {t("emailSettings.saved")}
          </span>
        )}
      </div>
    </form>
  );
}

// ---------- mail templates (shared by the team) ----------

function MailTemplates() {
  const { t } = useTranslation();
  const uiLang = useLang();
  const [lang, setLang] = useState<Lang>(uiLang);
  const templates = useQuery({ queryKey: keys.mailTemplates, queryFn: api.mailTemplates });
  const everyone: CustomerQuery = { text: null, assigned_user_id: null };
  const customers = useQuery({ queryKey: keys.customerList(everyone), queryFn: () => api.listCustomers(everyone) });
  const [picked, setPicked] = useState<string | null>(null);
  const previewFor = picked ?? customers.data?.[0]?.id ?? null;
  return (
    <div className="email-part" data-testid="mail-templates">
      <div className="card-head">
        <h3>{t("emailSettings.templates")}</h3>
        <label className="inline-label">
          <span>{t("emailSettings.templateLang")}</span>
          <select value={lang} onChange={(e) => setLang(e.target.value === "en" ? "en" : "ko")} data-testid="template-lang">
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted">{t("emailSettings.templatesHint")}</p>
      {customers.data && customers.data.length > 0 ? (
        <label className="inline-label">
          <span>{t("placeholder.previewFor")}</span>
          <select value={previewFor ?? ""} onChange={(e) => setPicked(e.target.value)} data-testid="template-preview-customer">
            {customers.data.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : (
        customers.isSuccess && <p className="muted small">{t("placeholder.previewNone")}</p>
      )}
      {templates.isPending ? (
        <Loading />
      ) : templates.isError ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : (
        PARTS.map((part) => {
          const tpl = templates.data.find((m) => m.part === part && m.lang === lang);
          return tpl ? <TemplateEditor key={`${part}.${lang}`} part={part} template={tpl} previewFor={previewFor} /> : null;
        })
      )}
    </div>
  );
}

function TemplateEditor({ part, template, previewFor }: { part: Part; template: MailTemplate; previewFor: string | null }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [source, setSource] = useState(template.source);
  const field = `mail.${part}.${template.lang}`;
  const save = useMutation({
    mutationFn: (text: string) => api.setMailTemplate(part, template.lang, text),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.mailTemplates }),
  });
  const err = save.error ? toApiError(save.error) : null;
  const atField = err && (err.field === field || err.code === "invalid_template") ? err : null;
  const isDefault = template.source === template.default_source;
  const short = part === "subject" || part === "intro_subject";
  const intro = part === "intro" || part === "intro_subject";

  const edit = (text: string) => {
    setSource(text);
    if (save.isError || save.isSuccess) save.reset();
  };

  return (
    <div className="template-editor" data-testid={`template-editor-${part}`}>
      <Field
        name={field}
        label={t(`emailSettings.part.${part}`)}
        error={atField ? `${t("emailSettings.templateInvalid")} ${atField.message}` : undefined}
        errorTestId={`template-error-${part}`}
        wide
      >
        {(c) => (
          <PlaceholderText
            {...c}
            label={t(`emailSettings.part.${part}`)}
            singleLine={short}
            value={source}
            onChange={edit}
            names={intro ? INTRO_VALUES : RECOMMEND_VALUES}
            conditions={intro ? ["team", "colleague_phone"] : ["team"]}
            testId={`template-${part}`}
          />
        )}
      </Field>
      {previewFor && <WordingPreview part={part} lang={template.lang} source={source} customerId={previewFor} />}
      {err && !atField && (
        <p className="banner banner-error" role="alert" data-testid={`template-form-error-${part}`}>
          {errorText(err)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary btn-small"
          onClick={() => save.mutate(source)}
          disabled={save.isPending || source === template.source || source.trim() === ""}
          data-testid={`template-save-${part}`}
        >
          {save.isPending ? t("common.saving") : t("common.save")}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            setSource(template.default_source);
            save.mutate("");
          }}
          disabled={save.isPending || (isDefault && source === template.default_source)}
          data-testid={`template-reset-${part}`}
        >
          {t("emailSettings.reset")}
        </button>
        {isDefault && <span className="tag">{t("emailSettings.isDefault")}</span>}
        {save.isSuccess && (
          <span className="saved-note" role="status" data-testid={`template-saved-${part}`}>
            {t("emailSettings.saved")}
          </span>
        )}
      </div>
    </div>
  );
}

/** The wording as the email would say it to a real customer (the core renders it). */
function WordingPreview({ part, lang, source, customerId }: { part: Part; lang: Lang; source: string; customerId: string }) {
  const { t } = useTranslation();
  // Typing does not ask the core at every key.
  const text = useDeferredValue(source);
  const preview = useQuery({
    queryKey: ["wordingPreview", part, lang, text, customerId],
    queryFn: () => api.previewWording(part, lang, text, customerId),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return (
    <div className="wording-preview" aria-live="polite" data-testid={`template-preview-${part}`}>
      <span className="muted small">{t("placeholder.preview")}</span>
      <div>{preview.isError ? <span className="muted">{t("emailSettings.templateInvalid")}</span> : (preview.data ?? "")}</div>
    </div>
  );
}
