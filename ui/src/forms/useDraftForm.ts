import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ApiError, toApiError } from "../api";
import { fieldError, useErrorText } from "../errors";

/** What a draft's own check returns: the input to send, or per-field codes (or errors). */
export type DraftCheck<Input> =
  | { ok: true; input: Input }
  | { ok: false; errors: Record<string, "required" | "invalid_number" | ApiError> };

type Options<Draft, Input, Saved> = {
  initial: Draft;
  /** The core's field names this form shows errors at; others go above the form. */
  fields: ReadonlySet<string>;
  /** The core's field name for a draft key. */
  fieldOf: (key: keyof Draft) => string;
  check: (draft: Draft) => DraftCheck<Input>;
  save: (input: Input) => Promise<Saved>;
  onSaved: (saved: Saved) => void;
  /** How errors read (defaults to the app's error wording). */
  errorText?: (e: unknown) => string;
  /** Called on every edit, e.g. to hide a "saved" note. */
  onEdit?: () => void;
};

/**
 * The state every create/edit form shares: the draft, errors placed at their
 * field (from the form's own check or the core's validation), a form-level
 * error for the rest, and the save itself.
 */
export function useDraftForm<Draft, Input, Saved>({ initial, fields, fieldOf, check, save, onSaved, errorText: wording, onEdit }: Options<Draft, Input, Saved>) {
  const appErrorText = useErrorText();
  const errorText = wording ?? appErrorText;
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  // True from a save until the next edit or submit (for a "saved" note).
  const [saved, setSaved] = useState(false);

  /** Shows an error at its field when this form has it, else above the form. */
  const fail = (e: unknown) => {
    const err = toApiError(e);
    if (err.field && fields.has(err.field)) setErrors({ [err.field]: err });
    else setFormError(err);
  };

  const mutation = useMutation({
    mutationFn: save,
    onSuccess: (result) => {
      setSaved(true);
      onSaved(result);
    },
    onError: fail,
  });

  // Put the cursor where the problem is, so a keyboard user can fix it at once.
  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [errors]);

  /** Changes one draft value and clears the error of its field. */
  const set = <K extends keyof Draft>(key: K, value: Draft[K], field: string = fieldOf(key)) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setSaved(false);
    onEdit?.();
    if (errors[field]) {
      setErrors((errs) => {
        const rest = { ...errs };
        delete rest[field];
        return rest;
      });
    }
  };

  /** The localised error shown at `field` (the core's name), if any. */
  const err = (field: string) => (errors[field] ? errorText(errors[field]) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mutation.isPending) return;
    setFormError(null);
    setSaved(false);
    const checked = check(draft);
    if (!checked.ok) {
      setErrors(Object.fromEntries(Object.entries(checked.errors).map(([f, code]) => [f, code instanceof ApiError ? code : fieldError(f, code)])));
      return;
    }
    setErrors({});
    mutation.mutate(checked.input);
  };

  return {
    formRef,
    draft,
    setDraft,
    set,
    fail,
    clearErrors: () => setErrors({}),
    err,
    submit,
    saving: mutation.isPending,
    saved,
    formError: formError ? errorText(formError) : null,
  };
}
