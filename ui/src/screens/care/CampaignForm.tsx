// A new recall or service campaign: which sold cars (make, model, years, VINs,
// delivery dates), the notice in Korean or English, a preview of the owners it
// reaches, then "create and send" through the outbox.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useDeferredValue, useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, ApiError, toApiError } from "../../api";
import type { Campaign } from "../../bindings/Campaign";
import type { CampaignFilter } from "../../bindings/CampaignFilter";
import type { CampaignOwner } from "../../bindings/CampaignOwner";
import type { Lang } from "../../bindings/Lang";
import { Field } from "../../components/Field";
import { PlaceholderText } from "../../components/PlaceholderText";
import { fieldError } from "../../errors";
import { parseWhole } from "../../format";
import { formatDate } from "../../time";
import { useLang } from "../../i18n";
import { LANGS } from "../../i18n/lang";
import { careKeys, keys, useModels } from "../../queries";
import { CampaignDetail } from "./CampaignDetail";
import { CAMPAIGN_VARIABLES, campaignTemplate } from "./campaignDefaults";
import { useCareErrorText } from "./careText";
import { DateInput } from "../../components/DatePicker";

type Draft = {
  title: string;
  code: string;
  make: string;
  model: string;
  year_min: string;
  year_max: string;
  vin_from: string;
  vin_to: string;
  sold_from: string;
  sold_to: string;
  lang: Lang;
  subject: string;
  body: string;
};

type Key = keyof Draft;

function emptyDraft(lang: Lang): Draft {
  const tpl = campaignTemplate(lang);
  return {
    title: "",
    code: "",
    make: "",
    model: "",
    year_min: "",
    year_max: "",
    vin_from: "",
    vin_to: "",
    sold_from: "",
    sold_to: "",
    lang,
    subject: tpl.subject,
    body: tpl.body,
  };
}

const FILTER_KEYS = new Set<Key>(["make", "model", "year_min", "year_max", "vin_from", "vin_to", "sold_from", "sold_to"]);
const FORM_KEYS = new Set<string>(["title", "code", "lang", "subject", "body", ...FILTER_KEYS]);

function text(s: string): string | null {
  const v = s.trim();
  return v === "" ? null : v;
}

function year(field: Key, s: string): number | null {
  const n = parseWhole(s);
  if (n !== null && Number.isNaN(n)) throw fieldError(field, "invalid_number");
  return n;
}

/** The core's filter from the typed draft; a year that is not a number is refused here. */
export function draftFilter(d: Draft): CampaignFilter {
  return {
    make: text(d.make),
    model: text(d.model),
    year_min: year("year_min", d.year_min),
    year_max: year("year_max", d.year_max),
    vin_from: text(d.vin_from)?.toUpperCase() ?? null,
    vin_to: text(d.vin_to)?.toUpperCase() ?? null,
    sold_from: text(d.sold_from),
    sold_to: text(d.sold_to),
  };
}

/** The field a core error names, as the form calls it ("filter.sold_from" -> "sold_from"). */
function formField(err: ApiError | null): string | null {
  const f = err?.field?.replace(/^filter\./, "") ?? null;
  return f && FORM_KEYS.has(f) ? f : null;
}

type Sent = { campaign: Campaign; sendError: ApiError | null };

export function CampaignForm() {
  const { t } = useTranslation();
  const uiLang = useLang();
  const qc = useQueryClient();
  const errorText = useCareErrorText();
  const models = useModels();
  const modelsId = useId();
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(uiLang));

  const preview = useMutation({ mutationFn: (d: Draft) => api.previewCampaign(draftFilter(d)) });
  const send = useMutation({
    mutationFn: async (d: Draft): Promise<Sent> => {
      if (!d.title.trim()) throw fieldError("title", "required");
      const created = await api.createCampaign({
        title: d.title.trim(),
        code: d.code.trim(),
        filter: draftFilter(d),
        lang: d.lang,
        subject: d.subject,
        body: d.body,
      });
      // Created is kept even when sending fails (no mail account): it can be sent later.
      try {
        return { campaign: await api.sendCampaign(created.id), sendError: null };
      } catch (e) {
        return { campaign: created, sendError: toApiError(e) };
      }
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: careKeys.campaigns });
      void qc.invalidateQueries({ queryKey: keys.outbox });
      void qc.invalidateQueries({ queryKey: careKeys.today });
    },
  });

  const err = send.error ? toApiError(send.error) : preview.error ? toApiError(preview.error) : null;
  const errField = formField(err);
  const errAt = (k: Key) => (errField === k && err ? errorText(err) : undefined);
  const formError = err && !errField ? errorText(err) : null;

  const set = (key: Key, value: string) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (send.isError) send.reset();
    // The owners shown were for the old filter.
    if (FILTER_KEYS.has(key) && !preview.isIdle) preview.reset();
    else if (preview.isError) preview.reset();
  };

  const setLang = (lang: Lang) => {
    setDraft((d) => {
      // The notice follows the language unless the dealer has written his own.
      const before = campaignTemplate(d.lang);
      const after = campaignTemplate(lang);
      return {
        ...d,
        lang,
        subject: d.subject === before.subject ? after.subject : d.subject,
        body: d.body === before.body ? after.body : d.body,
      };
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!send.isPending) send.mutate(draft);
  };

  if (send.isSuccess) {
    return (
      <section className="card" data-testid="campaign-result">
        <div className="card-head">
          <h2>{send.data.campaign.title}</h2>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(emptyDraft(uiLang));
              preview.reset();
              send.reset();
            }}
            data-testid="campaign-new"
          >
            {t("care.newCampaign")}
          </button>
        </div>
        <CampaignDetail campaign={send.data.campaign} sendError={send.data.sendError} />
      </section>
    );
  }

  const input = (key: Key, label: string, opts: { type?: string; placeholder?: string; numeric?: boolean; list?: string } = {}) => (
    <Field name={key} label={label} error={errAt(key)} errorTestId={`campaign-error-${key}`}>
      {(c) => (
        <input
          {...c}
          type={opts.type ?? "text"}
          inputMode={opts.numeric ? "numeric" : undefined}
          autoComplete="off"
          placeholder={opts.placeholder}
          list={opts.list}
          value={draft[key]}
          onChange={(e) => set(key, e.target.value)}
          data-testid={`campaign-${key.replace("_", "-")}`}
        />
      )}
    </Field>
  );

  const date = (key: "sold_from" | "sold_to", label: string) => (
    <Field name={key} label={label} error={errAt(key)} errorTestId={`campaign-error-${key}`}>
      {(c) => <DateInput {...c} value={draft[key]} onChange={(v) => set(key, v)} testId={`campaign-${key.replace("_", "-")}`} />}
    </Field>
  );

  return (
    <section className="card" data-testid="campaign-new-card">
      <h2>{t("care.newCampaign")}</h2>
      <form className="form campaign-form" onSubmit={submit} noValidate data-testid="campaign-form">
        <div className="grid">
          {input("title", t("care.name"), { placeholder: t("care.namePlaceholder") })}
          {input("code", t("care.code"), { placeholder: t("care.codePlaceholder") })}
        </div>

        <h3>{t("care.filters")}</h3>
        <p className="muted small">{t("care.filtersHint")}</p>
        <div className="grid">
          {input("make", t("care.make"), { placeholder: t("care.makePlaceholder") })}
          {input("model", t("care.model"), { placeholder: t("care.modelPlaceholder"), list: modelsId })}
          {input("year_min", t("care.yearMin"), { numeric: true, placeholder: "2002" })}
          {input("year_max", t("care.yearMax"), { numeric: true, placeholder: "2004" })}
          {input("vin_from", t("care.vinFrom"))}
          {input("vin_to", t("care.vinTo"))}
          {date("sold_from", t("care.soldFrom"))}
          {date("sold_to", t("care.soldTo"))}
        </div>
        <datalist id={modelsId}>
          {(models.data ?? []).map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>

        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={preview.isPending}
            onClick={() => preview.mutate(draft)}
            data-testid="campaign-preview-btn"
          >
            {preview.isPending ? t("care.previewing") : t("care.preview")}
          </button>
        </div>
        {preview.isSuccess && <OwnersPreview owners={preview.data} />}

        <div className="grid">
          <Field name="lang" label={t("care.lang")}>
            {(c) => (
              <select {...c} value={draft.lang} onChange={(e) => setLang(e.target.value === "en" ? "en" : "ko")} data-testid="campaign-lang">
                {LANGS.map((l) => (
                  <option key={l} value={l}>
                    {t(`lang.${l}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field name="subject" label={t("care.subject")} error={errAt("subject")} errorTestId="campaign-error-subject" wide>
          {(c) => (
            <PlaceholderText
              {...c}
              label={t("care.subject")}
              singleLine
              value={draft.subject}
              onChange={(v) => set("subject", v)}
              names={CAMPAIGN_VARIABLES}
              testId="campaign-subject"
            />
          )}
        </Field>
        <Field name="body" label={t("care.body")} error={errAt("body")} errorTestId="campaign-error-body" wide>
          {(c) => (
            <PlaceholderText
              {...c}
              label={t("care.body")}
              value={draft.body}
              onChange={(v) => set("body", v)}
              names={CAMPAIGN_VARIABLES}
              testId="campaign-body"
            />
          )}
        </Field>

        {preview.isSuccess && preview.data.length > 0 && (
          <NoticePreview filter={draftFilter(preview.variables)} code={draft.code} subject={draft.subject} body={draft.body} />
        )}

        {formError && (
          <p className="banner banner-error" role="alert" data-testid="campaign-error">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="campaign-send">
            {send.isPending ? t("care.sending") : t("care.send")}
          </button>
        </div>
      </form>
    </section>
  );
}

function OwnersPreview({ owners }: { owners: CampaignOwner[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const noEmail = owners.filter((o) => o.email.trim() === "").length;
  return (
    <div className="campaign-preview" data-testid="campaign-preview">
      {owners.length === 0 ? (
        <p className="muted" data-testid="campaign-preview-empty">
          {t("care.ownersEmpty")}
        </p>
      ) : (
        <>
          <p data-testid="campaign-preview-summary">
            <strong>{t("care.owners", { count: owners.length })}</strong>
            {noEmail > 0 && <span className="alert-late"> · {t("care.ownersNoEmail", { count: noEmail })}</span>}
          </p>
          <table className="table">
            <thead>
              <tr>
                <th>{t("care.colCustomer")}</th>
                <th>{t("care.colCar")}</th>
                <th>{t("care.colVin")}</th>
                <th>{t("care.colDelivered")}</th>
                <th>{t("care.colEmail")}</th>
              </tr>
            </thead>
            <tbody>
              {owners.map((o) => {
                const has = o.email.trim() !== "";
                return (
                  <tr key={o.sale_id} data-testid="campaign-owner" data-has-email={has} data-sale-id={o.sale_id}>
                    <td className="cell-strong">{o.customer_name}</td>
                    <td>{o.vehicle_label}</td>
                    <td className="mono small">{o.vin}</td>
                    <td className="nowrap">{formatDate(o.delivered_on, lang)}</td>
                    <td>
                      {has ? (
                        o.email
                      ) : (
                        <span className="badge badge-recipient-no_email" data-testid="campaign-owner-no-email">
                          {t("care.noEmail")}
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** The notice as the first owner reached would read it (the core renders it). */
function NoticePreview({ filter, code, subject, body }: { filter: CampaignFilter; code: string; subject: string; body: string }) {
  const { t } = useTranslation();
  // Typing does not ask the core at every key.
  const c = useDeferredValue(code);
  const s0 = useDeferredValue(subject);
  const b0 = useDeferredValue(body);
  const notice = useQuery({
    queryKey: ["campaignNotice", filter, c, s0, b0],
    queryFn: () => api.previewCampaignNotice(filter, c, s0, b0),
    placeholderData: keepPreviousData,
    retry: false,
  });
  if (notice.isError) return <p className="muted">{t("emailSettings.templateInvalid")}</p>;
  if (!notice.data) return null;
  const [s, b] = notice.data;
  return (
    <div className="wording-preview" aria-live="polite" data-testid="campaign-notice-preview">
      <span className="muted small">{t("placeholder.preview")}</span>
      <div>
        <strong>{s}</strong>
      </div>
      <div>{b}</div>
    </div>
  );
}
