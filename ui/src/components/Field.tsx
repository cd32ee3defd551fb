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
