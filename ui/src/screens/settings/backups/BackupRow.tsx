import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { BackupInfo } from "../../../bindings/BackupInfo";
import type { VerifyReport } from "../../../bindings/VerifyReport";
import { useErrorText } from "../../../errors";
import { formatBytes } from "../../../format";
import { useLang } from "../../../i18n";
import { formatDateTime } from "../../../time";

type Props = {
  backup: BackupInfo;
  onRestore: (backup: BackupInfo) => void;
};

/** One backup: when, what it holds, and its verify and restore buttons. */
export function BackupRow({ backup, onRestore }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const [verifying, setVerifying] = useState(false);
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const verify = async () => {
    setVerifying(true);
    setReport(null);
    setError(null);
    try {
      setReport(await api.verifyBackup(backup.path));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setVerifying(false);
    }
  };

  return (
    <li className="backup-row" data-testid="backup-row" data-name={backup.name}>
      <div className="backup-main">
        <strong>{formatDateTime(backup.taken_at, lang)}</strong>
        <span className="badge">{backup.automatic ? t("backups.automatic") : t("backups.manual")}</span>
        <span className="muted" data-testid="backup-summary">
          {summary(backup, t)}
        </span>
        <span className="muted">{formatBytes(backup.bytes)}</span>
      </div>
      <div className="backup-actions">
        <button
          type="button"
          className="btn"
          onClick={() => void verify()}
          disabled={verifying || backup.problem !== null}
          data-testid="backup-verify"
        >
          {verifying ? t("backups.verifying") : t("backups.verify")}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => onRestore(backup)}
          disabled={backup.problem !== null}
          data-testid="backup-restore"
        >
          {t("backups.restore")}
        </button>
      </div>
      {report?.ok ? (
        <p className="saved-note" role="status" data-testid="backup-verify-ok">
          {t("backups.verifyOk", { count: report.photos })}
        </p>
      ) : null}
      {report && !report.ok ? (
        <div className="banner banner-error" role="alert" data-testid="backup-verify-problems">
          <p>{t("backups.verifyBad")}</p>
          <ul>
            {report.problems.map((p) => (
              <li key={p} className="mono">
                {p}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

/** "40 cars · 17 customers · 230 photos · version 0.1.0", or what a legacy or unreadable one is. */
export function summary(b: BackupInfo, t: TFunction): string {
  if (b.problem !== null) return t("backups.problem");
  const parts: string[] = [];
  if (b.vehicles !== null) parts.push(t("backups.cars", { count: b.vehicles }));
  if (b.customers !== null) parts.push(t("backups.customers", { count: b.customers }));
  if (b.legacy) parts.push(t("backups.legacy"));
  else if (b.photos !== null) parts.push(t("backups.photos", { count: b.photos }));
  if (b.app_version) parts.push(t("backups.version", { version: b.app_version }));
  return parts.join(" · ");
}
