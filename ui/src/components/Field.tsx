import { useId, type ReactNode } from "react";

export type ControlProps = {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
};

type FieldProps = {
  /** The field as the core names it (e.g. "vin", "wants.budget_max_krw"). */
  name: string;
  label: string;
  error?: string;
  hint?: string;
  /** Defaults to error-<name>. */
  errorTestId?: string;
  wide?: boolean;
  children: (control: ControlProps) => ReactNode;
};

/** A label tied to its control, an optional hint, and the error shown right under it. */
export function Field({ name, label, error, hint, errorTestId, wide, children }: FieldProps) {
  const base = useId();
  const id = `${base}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${wide ? " field-wide" : ""}${error ? " field-has-error" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint && !error && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId} role="alert" data-testid={errorTestId ?? `error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

type CheckFieldProps = {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  testId?: string;
};

export function CheckField({ name, label, checked, onChange, error, testId }: CheckFieldProps) {
  const base = useId();
  const id = `${base}-${name}`;
  return (
    <div className={`field field-check${error ? " field-has-error" : ""}`}>
      <label htmlFor={id} className="check">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          data-testid={testId ?? `field-${name}`}
        />
        <span>{label}</span>
      </label>
      {error && (
        <p className="field-error" role="alert" data-testid={`error-${name}`}>
          {error}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: string;
  numeric?: boolean;
  placeholder?: string;
  autoFocus?: boolean;
  /** A unit shown after the input (e.g. km). */
  unit?: string;
  wide?: boolean;
  /** Defaults to field-<name>. */
  testId?: string;
};

/** A labelled text input with its error; typing hands back the new text. */
export function TextField({ name, label, value, onChange, error, hint, type, numeric, placeholder, autoFocus, unit, wide, testId }: TextFieldProps) {
  return (
    <Field name={name} label={label} error={error} hint={hint} wide={wide}>
      {(c) => {
        const input = (
          <input
            {...c}
            type={type ?? "text"}
            inputMode={numeric ? "numeric" : undefined}
            autoComplete="off"
            autoFocus={autoFocus}
            placeholder={placeholder}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            data-testid={testId ?? `field-${name}`}
          />
        );
        if (!unit) return input;
        return (
          <div className="input-unit">
            {input}
            <span className="unit" aria-hidden="true">
              {unit}
            </span>
          </div>
        );
      }}
    </Field>
  );
}

type SelectFieldProps<V extends string> = {
  name: string;
  label: string;
  value: V;
  options: ReadonlyArray<{ value: V; label: string }>;
  onChange: (value: V) => void;
  error?: string;
  /** Defaults to field-<name>. */
  testId?: string;
};

/** A labelled select over fixed options, with its error. */
export function SelectField<V extends string>({ name, label, value, options, onChange, error, testId }: SelectFieldProps<V>) {
  return (
    <Field name={name} label={label} error={error}>
      {(c) => (
        <select {...c} value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId ?? `field-${name}`}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
