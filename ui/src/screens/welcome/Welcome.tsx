import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import type { WelcomeInput } from "../../bindings/WelcomeInput";
import { Field } from "../../components/Field";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { fieldError, useErrorText } from "../../errors";
import type { Route } from "../../navigation";
import { welcomeKey } from "./WelcomeGate";

type Choice = "empty" | "join" | "restore";
/** Where the app opens after each choice. */
const START: Record<Choice, Route> = {
  empty: { name: "inventory" },
  join: { name: "sync" },
  restore: { name: "settings" },
};

const FIELDS = [
  { key: "name", type: "text" },
  { key: "phone", type: "tel" },
  { key: "email", type: "email" },
  { key: "team", type: "text" },
] as const;

/** The first run: who uses this computer, the team's name, and how to begin. */
export function Welcome({ onDone }: { onDone: (start: Route) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [values, setValues] = useState<WelcomeInput>({ name: "", phone: "", email: "", team: "" });
  const finish = useMutation({
    mutationFn: async (choice: Choice) => {
      if (!values.name.trim()) throw fieldError("name", "required");
      await api.finishWelcome(values);
      return choice;
    },
    onSuccess: (choice) => {
      onDone(START[choice]);
      qc.setQueryData(welcomeKey, { pending: false, sample: false });
      // "Me" and the team's name changed; everything else reads them afresh.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== welcomeKey[0] });
    },
  });
  const sample = useMutation({ mutationFn: api.openSample });
  const err = finish.error ? toApiError(finish.error) : sample.error ? toApiError(sample.error) : null;
  // The core names the user's fields; the welcome shows them at its own.
  const errField = err?.field === "name" || err?.field === "email" || err?.field === "phone" ? err.field : null;
  const busy = finish.isPending || sample.isPending;

  const choice = (c: Choice) => (
    <button
      type="button"
      className="welcome-choice"
      disabled={busy}
      onClick={() => finish.mutate(c)}
      data-testid={`welcome-${c}`}
    >
      <strong>{t(`welcome.${c}`)}</strong>
      <span>{t(`welcome.${c}Hint`)}</span>
    </button>
  );

  return (
    <div className="gate welcome" data-testid="welcome">
      <div className="gate-card welcome-card">
        <div className="welcome-head">
          <h1>{t("welcome.title")}</h1>
          <LanguageSwitch testId="welcome-lang" />
        </div>
        <p>{t("welcome.intro")}</p>
        <form className="grid" onSubmit={(e) => e.preventDefault()} noValidate>
          {FIELDS.map((f) => (
            <Field
              key={f.key}
              name={f.key}
              label={t(`welcome.${f.key}`)}
              hint={f.key === "team" ? t("welcome.teamHint") : undefined}
              error={errField === f.key && err ? errorText(err) : undefined}
              errorTestId={`welcome-error-${f.key}`}
            >
              {(c) => (
                <input
                  {...c}
                  type={f.type}
                  autoComplete="off"
                  value={values[f.key]}
                  onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                  data-testid={`welcome-${f.key}`}
                />
              )}
            </Field>
          ))}
        </form>
        <h2>{t("welcome.how")}</h2>
        <div className="welcome-choices">
          {choice("empty")}
          {choice("join")}
          {choice("restore")}
          <button
            type="button"
            className="welcome-choice welcome-choice-quiet"
            disabled={busy}
            onClick={() => sample.mutate()}
            data-testid="welcome-sample"
          >
            <strong>{t("welcome.sample")}</strong>
            <span>{sample.isPending ? t("welcome.samplePreparing") : t("welcome.sampleHint")}</span>
          </button>
        </div>
        {err && !errField && (
          <p className="field-error" role="alert" data-testid="welcome-error">
            {errorText(err)}
          </p>
        )}
      </div>
    </div>
  );
}
