import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { toApiError } from "../api";
import { useErrorText } from "../errors";
import { Field } from "./Field";

export type SmallField<K extends string> = { key: K; label: string; type?: string; placeholder?: string };

type Props<K extends string> = {
  /** Test ids: <prefix>-<key>, <prefix>-save, <prefix>-cancel, <prefix>-error-<key>. */
  prefix: string;
  fields: SmallField<K>[];
  initial: Record<K, string>;
  onSubmit: (values: Record<K, string>) => Promise<unknown>;
  onSaved?: () => void;
  onCancel?: () => void;
  savedNote?: string;
};

/** A few text fields saved in one call (profile, team member, lot), errors at the field. */
export function SmallForm<K extends string>({ prefix, fields, initial, onSubmit, onSaved, onCancel, savedNote }: Props<K>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState(initial);
  const save = useMutation({ mutationFn: onSubmit, onSuccess: () => onSaved?.() });
  const err = save.error ? toApiError(save.error) : null;
  const fieldErr = err && fields.some((f) => f.key === err.field) ? err : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate(values);
  };

  return (
    <form className="small-form" onSubmit={submit} noValidate data-testid={`${prefix}-form`}>
      <div className="grid">
        {fields.map((f, i) => (
          <Field
            key={f.key}
            name={f.key}
            label={f.label}
            error={fieldErr?.field === f.key ? errorText(fieldErr) : undefined}
            errorTestId={`${prefix}-error-${f.key}`}
          >
            {(c) => (
              <input
                {...c}
                type={f.type ?? "text"}
                autoComplete="off"
                autoFocus={i === 0 && Boolean(onCancel)}
                placeholder={f.placeholder}
                value={values[f.key]}
                onChange={(e) => {
                  setValues((v) => ({ ...v, [f.key]: e.target.value }));
                  if (save.isError || save.isSuccess) save.reset();
                }}
                data-testid={`${prefix}-${f.key}`}
              />
            )}
          </Field>
        ))}
      </div>
      {err && !fieldErr && (
        <p className="banner banner-error" role="alert" data-testid={`${prefix}-form-error`}>
          {errorText(err)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid={`${prefix}-save`}>
          {save.isPending ? t("common.saving") : t("common.save")}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel} data-testid={`${prefix}-cancel`}>
            {t("common.cancel")}
          </button>
        )}
        {save.isSuccess && savedNote && (
          <span className="saved-note" role="status" data-testid={`${prefix}-saved`}>
            {savedNote}
          </span>
        )}
      </div>
    </form>
  );
}
