import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { BackupInfo } from "../../../bindings/BackupInfo";
import type { RestoreOutcome } from "../../../bindings/RestoreOutcome";
import { ErrorState, Loading } from "../../../components/QueryState";
import { useErrorText } from "../../../errors";
import { useLang } from "../../../i18n";
import { formatDateTime } from "../../../time";
import { summary } from "./BackupRow";

type Props = {
  backup: BackupInfo;
  onClose: () => void;
  /** The restore is done: every screen's data must be read again. */
  onRestored: (outcome: RestoreOutcome) => void;
};

/** What the backup holds, read again from it, then a confirm: restored in place, all or nothing. */
export function RestorePreview({ backup, onClose, onRestored }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorText = useErrorText();
  const preview = useQuery({
    queryKey: ["backup-preview", backup.path],
    queryFn: () => api.previewBackup(backup.path),
    staleTime: 0,
  });
  const [restoring, setRestoring] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    setRestoring(true);
    setError(null);
    try {
      const outcome = await api.restoreBackup(backup.path);
      if (outcome.ok) {
        onRestored(outcome);
        return;
      }
      setError(t("backups.restoreFailed", { error: outcome.error ?? "" }));
      setRestoring(false);
    } catch (e) {
      setError(errorText(e));
      setRestoring(false);
    }
  };

  return (
    <div className="confirm restore-preview" role="alertdialog" aria-label={t("backups.previewTitle")} data-testid="restore-preview">
      <h3>{t("backups.previewTitle")}</h3>
      {preview.isPending ? (
        <Loading />
      ) : preview.isError ? (
        <ErrorState error={preview.error} />
      ) : (
        <dl className="facts facts-narrow">
          <div className="fact">
            <dt>{t("backups.previewTaken")}</dt>
            <dd data-testid="restore-preview-taken">{formatDateTime(preview.data.taken_at, lang)}</dd>
          </div>
          <div className="fact">
            <dt>{t("backups.previewWhat")}</dt>
            <dd data-testid="restore-preview-what">{summary({ ...preview.data, app_version: null }, t)}</dd>
          </div>
          <div className="fact">
            <dt>{t("backups.previewVersion")}</dt>
            <dd>{preview.data.app_version ?? t("backups.unknown")}</dd>
          </div>
        </dl>
      )}
      <p className="muted">{t("backups.previewWarn")}</p>
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="restore-error">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => void restore()}
          disabled={restoring || !preview.isSuccess}
          data-testid="restore-confirm"
        >
          {restoring ? t("backups.restoring") : t("backups.confirmRestore")}
        </button>
        <button type="button" className="btn" onClick={onClose} disabled={restoring} data-testid="restore-cancel">
          {t("common.cancel")}
        </button>
      </div>
    </div>
  );
}
