import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { api } from "../../api";
import type { Diagnostics as Facts } from "../../bindings/Diagnostics";
import { useErrorText } from "../../errors";

/** The text support asks for by phone; labels in the screen's language, values as they are. */
export function diagnosticsText(d: Facts, t: TFunction): string {
  return [
    `Lotbook ${d.version}`,
    `${t("diagnostics.os")}: ${d.os}`,
    `${t("diagnostics.dataDir")}: ${d.data_dir}`,
    `${t("diagnostics.logDir")}: ${d.log_dir}`,
    `${t("diagnostics.lastErrors")}:`,
    ...(d.last_errors.length ? d.last_errors : [t("diagnostics.noErrors")]),
  ].join("\n");
}

/** The clipboard API where the webview allows it, else the old copy command. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    // Falls back below.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

/** Settings › "Copy diagnostics": version, system, folders and the last errors, for support. */
export function Diagnostics() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [text, setText] = useState<string | null>(null);
  const copy = useMutation({
    mutationFn: async () => {
      const d = diagnosticsText(await api.diagnostics(), t);
      setText(d);
      await copyText(d);
    },
  });
  return (
    <section className="card" data-testid="diagnostics">
      <h2>{t("diagnostics.title")}</h2>
      <p className="muted">{t("diagnostics.hint")}</p>
      <button type="button" className="btn" disabled={copy.isPending} onClick={() => copy.mutate()} data-testid="diagnostics-copy">
        {t("diagnostics.copy")}
      </button>
      {copy.isSuccess && (
        <p className="muted" role="status" data-testid="diagnostics-copied">
          {t("diagnostics.copied")}
        </p>
      )}
      {copy.isError && (
        <p className="field-error" role="alert">
          {text ? t("diagnostics.copyFailed") : errorText(copy.error)}
        </p>
      )}
      {text && (
        <pre className="diagnostics-text mono" data-testid="diagnostics-text">
          {text}
        </pre>
      )}
    </section>
  );
}
