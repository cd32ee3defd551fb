import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { UpdateInfo } from "../../bindings/UpdateInfo";
import type { UpdateProgress } from "../../bindings/UpdateProgress";
import { useErrorText } from "../../errors";
import { useLang } from "../../i18n";
import { formatDateTime } from "../../time";

type Check =
  | { state: "idle" | "checking" | "current" }
  | { state: "found"; update: UpdateInfo }
  | { state: "error"; error: unknown };

/** Settings › About › updates: the version, "check for updates", the notes of a newer one, install for the next start. */
export function About() {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const version = useQuery({ queryKey: ["appVersion"], queryFn: api.appVersion });
  const [check, setCheck] = useState<Check>({ state: "idle" });
  const [progress, setProgress] = useState<UpdateProgress | null>(null);
  const [installError, setInstallError] = useState<unknown>(null);
  const installing = progress !== null && progress.stage !== "ready";

  const runCheck = async () => {
    setCheck({ state: "checking" });
    setProgress(null);
    setInstallError(null);
    try {
      const update = await api.checkUpdate();
      setCheck(update ? { state: "found", update } : { state: "current" });
    } catch (error) {
      setCheck({ state: "error", error });
    }
  };

  const install = async () => {
    setInstallError(null);
    setProgress({ stage: "downloading", done: 0, total: null });
    try {
      setProgress(await api.installUpdate(setProgress));
    } catch (error) {
      setProgress(null);
      setInstallError(error);
    }
  };

  const found = check.state === "found" ? check.update : null;
  return (
    <section className="card" data-testid="about">
      <h2>{t("about.title")}</h2>
      {version.data && <p data-testid="about-version">{t("about.version", { version: version.data })}</p>}
      <p className="muted">{t("about.hint")}</p>
      <button
        type="button"
        className="btn"
        disabled={check.state === "checking" || installing}
        onClick={() => void runCheck()}
        data-testid="update-check"
      >
        {check.state === "checking" ? t("about.checking") : t("about.check")}
      </button>
      {check.state === "current" && (
        <p className="banner banner-calm" role="status" data-testid="update-current">
          {t("about.current")}
        </p>
      )}
      {check.state === "error" && (
        <p className="field-error" role="alert" data-testid="update-check-error">
          {errorText(check.error)}
        </p>
      )}
      {found && (
        <div className="update-found" data-testid="update-found">
          <p className="banner banner-note" role="status">
            <strong>{t("about.found", { version: found.version })}</strong>
            {found.date && <span className="muted"> · {t("about.published", { date: formatDateTime(found.date, lang) })}</span>}
          </p>
          {found.notes && (
            <>
              <h3>{t("about.notes")}</h3>
              <p className="update-notes" data-testid="update-notes">
                {found.notes}
              </p>
            </>
          )}
          {progress?.stage !== "ready" && (
            <button type="button" className="btn btn-primary" disabled={installing} onClick={() => void install()} data-testid="update-install">
              {t("about.install")}
            </button>
          )}
          {progress?.stage === "downloading" && (
            <p role="status" data-testid="update-progress">
              {progress.total
                ? t("about.downloading", { percent: Math.floor((progress.done * 100) / progress.total) })
                : t("about.downloadingSize", { mb: (progress.done / 1e6).toFixed(1) })}
            </p>
          )}
          {(progress?.stage === "verified" || progress?.stage === "installing") && (
            <p role="status" data-testid="update-progress">
              {t("about.verified")}
            </p>
          )}
          {progress?.stage === "ready" && (
            <div className="banner banner-calm" role="status" data-testid="update-ready">
              <p>{t(navigator.userAgent.includes("Windows") ? "about.readyAtExit" : "about.ready", { version: found.version })}</p>
              <button type="button" className="btn btn-primary" onClick={() => void api.restartApp()} data-testid="update-restart">
                {t("about.restart")}
              </button>
            </div>
          )}
          {installError !== null && (
            <p className="field-error" role="alert" data-testid="update-error">
              {errorText(installError)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
