import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { api, ApiError } from "../../../api";
import type { BackupInfo } from "../../../bindings/BackupInfo";
import type { BackupLocation } from "../../../bindings/BackupLocation";
import type { BackupProgress } from "../../../bindings/BackupProgress";
import type { RestoreOutcome } from "../../../bindings/RestoreOutcome";
import { ErrorState, Loading } from "../../../components/QueryState";
import { useErrorText } from "../../../errors";
import { keys, useBackupLocations } from "../../../queries";
import { BackupRow } from "./BackupRow";
import { RestorePreview } from "./RestorePreview";

/** Settings › Backups: both locations with their backups, back up now, the second location, restore. */
export function BackupsSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const client = useQueryClient();
  const locations = useBackupLocations();
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);
  const [restored, setRestored] = useState<RestoreOutcome | null>(null);
  const jobId = useRef<string | null>(null);

  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.backups });
    void client.invalidateQueries({ queryKey: keys.appInfo });
  };

  const backUpNow = async () => {
    const id = `backup-${Date.now()}`;
    jobId.current = id;
    setRunning(true);
    setNote(null);
    setError(null);
    setProgress(null);
    try {
      const outcomes = await api.backupNow(id, setProgress);
      const second = outcomes.find((o) => o.second);
      if (second?.error) setError(t("backups.secondFailed", { error: second.error }));
      setNote(second?.waiting ? t("backups.doneSecondWaiting") : t("backups.done"));
    } catch (e) {
      if (e instanceof ApiError && e.code === "cancelled") setNote(t("backups.cancelled"));
      else setError(errorText(e));
    } finally {
      jobId.current = null;
      setRunning(false);
      setProgress(null);
      refresh();
    }
  };

  const chooseSecond = async () => {
    setError(null);
    try {
      const folder = await api.pickFolder();
      if (!folder) return;
      client.setQueryData(keys.backups, await api.setSecondBackupLocation(folder));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const clearSecond = async () => {
    setError(null);
    try {
      client.setQueryData(keys.backups, await api.setSecondBackupLocation(null));
    } catch (e) {
      setError(errorText(e));
    }
  };

  const openFolder = async (second: boolean) => {
    setError(null);
    try {
      await api.openBackupFolder(second);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const hasSecond = locations.data?.some((l) => l.second) ?? false;

  const onRestored = (outcome: RestoreOutcome) => {
    setRestoring(null);
    setNote(null);
    setError(null);
    setRestored(outcome);
    // Every screen's data came from the store that was just replaced.
    void client.invalidateQueries();
  };

  return (
    <section className="card" data-testid="settings-backups">
      <div className="card-head">
        <h2>{t("backups.title")}</h2>
        {running ? (
          <button
            type="button"
            className="btn"
            onClick={() => jobId.current && void api.cancelBackup(jobId.current)}
            data-testid="backup-cancel"
          >
            {t("backups.cancel")}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void backUpNow()} data-testid="backup-now">
            {t("backups.now")}
          </button>
        )}
      </div>
      <p className="muted">{t("backups.hint")}</p>
      {restored ? (
        <div className="banner banner-note restore-outcome" role="status" data-testid="restore-outcome">
          <p>{t("backups.restored", { what: restoredWhat(restored, t) })}</p>
          {restored.saved_to ? (
            <p className="restore-saved-to" data-testid="restore-saved-to">
              {t("backups.restoredSaved", { path: restored.saved_to })}
            </p>
          ) : null}
        </div>
      ) : null}
      {running ? <Progress progress={progress} /> : null}
      {note ? (
        <p className="saved-note" role="status" data-testid="backup-note">
          {note}
        </p>
      ) : null}
      {error ? (
        <p className="banner banner-error" role="alert" data-testid="backup-error">
          {error}
        </p>
      ) : null}
      {restoring ? (
        <RestorePreview backup={restoring} onClose={() => setRestoring(null)} onRestored={onRestored} />
      ) : null}
      {locations.isPending ? (
        <Loading />
      ) : locations.isError ? (
        <ErrorState error={locations.error} onRetry={() => void locations.refetch()} />
      ) : (
        locations.data.map((loc) => (
          <Location key={loc.path} location={loc} onOpen={() => void openFolder(loc.second)} onRestore={setRestoring} />
        ))
      )}
      <div className="backup-second">
        {!hasSecond ? <p className="muted">{t("backups.secondHint")}</p> : null}
        <button type="button" className="btn" onClick={() => void chooseSecond()} data-testid="backup-choose-second">
          {hasSecond ? t("backups.changeSecond") : t("backups.chooseSecond")}
        </button>
        {hasSecond ? (
          <button type="button" className="btn btn-danger-quiet" onClick={() => void clearSecond()} data-testid="backup-clear-second">
            {t("backups.clearSecond")}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** "차량 40대 · 고객 17명 · 사진 230장": what the data folder holds now. */
function restoredWhat(o: RestoreOutcome, t: TFunction): string {
  const parts: string[] = [];
  if (o.vehicles !== null) parts.push(t("backups.cars", { count: o.vehicles }));
  if (o.customers !== null) parts.push(t("backups.customers", { count: o.customers }));
  if (o.photos !== null) parts.push(t("backups.photos", { count: o.photos }));
  return parts.join(" · ");
}

function Progress({ progress }: { progress: BackupProgress | null }) {
  const { t } = useTranslation();
  const stage = progress?.stage ?? "database";
  const text =
    stage === "photos"
      ? t("backups.progressPhotos", { done: progress?.done ?? 0, total: progress?.total ?? 0 })
      : stage === "finishing"
        ? t("backups.progressFinishing")
        : t("backups.progressDatabase");
  const share = stage === "photos" && progress && progress.total > 0 ? progress.done / progress.total : null;
  return (
    <div className="import-progress" role="status" data-testid="backup-progress">
      <span>{text}</span>
      <div className="import-bar">
        <div
          className={share === null ? "import-bar-fill is-waiting" : "import-bar-fill"}
          style={share === null ? undefined : { width: `${Math.round(share * 100)}%` }}
        />
      </div>
    </div>
  );
}

function Location({
  location,
  onOpen,
  onRestore,
}: {
  location: BackupLocation;
  onOpen: () => void;
  onRestore: (b: BackupInfo) => void;
}) {
  const { t } = useTranslation();
  const testId = location.second ? "backup-location-second" : "backup-location-primary";
  return (
    <div className="backup-location" data-testid={testId}>
      <div className="card-head">
        <h3>{location.second ? t("backups.second") : t("backups.primary")}</h3>
        <button type="button" className="btn" onClick={onOpen} disabled={location.waiting} data-testid={`${testId}-open`}>
          {t("backups.openFolder")}
        </button>
      </div>
      <p className="mono muted">{location.path}</p>
      {location.waiting ? (
        <p className="banner banner-calm" role="status" data-testid={`${testId}-waiting`}>
          {t("backups.waiting")}
        </p>
      ) : location.backups.length === 0 ? (
        <p className="muted">{t("backups.empty")}</p>
      ) : (
        <ul className="backup-list">
          {location.backups.map((b) => (
            <BackupRow key={b.path} backup={b} onRestore={onRestore} />
          ))}
        </ul>
      )}
    </div>
  );
}
