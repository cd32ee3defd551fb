// Where the team's work takes space: the shared folder and this computer's
// data folder, and what the shared folder carries of each photo (a team
// setting: the shared size by default, or the camera originals).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { api, toApiError } from "../../api";
import { formatBytes } from "../../format";
import { keys } from "../../queries";
import { ArchiveSection } from "./ArchiveSection";

export const PHOTO_FILES_KEY = "sync.photo_files";
const SHARED = "shared_size";
const ORIGINALS = "originals";

function Row({ label, bytes, note, testId }: { label: string; bytes: number; note?: string; testId: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td className="num">{formatBytes(bytes)}</td>
      <td className="muted">{note ?? ""}</td>
    </tr>
  );
}

export function SpaceSection() {
  const { t } = useTranslation();
  const id = useId();
  const qc = useQueryClient();
  const report = useQuery({ queryKey: keys.spaceReport, queryFn: api.spaceReport });
  const setting = useQuery({
    queryKey: keys.teamSetting(PHOTO_FILES_KEY),
    queryFn: () => api.teamSetting(PHOTO_FILES_KEY),
  });
  const save = useMutation({
    mutationFn: (v: string) => api.setTeamSetting(PHOTO_FILES_KEY, v === SHARED ? "" : v),
    onSuccess: () => void qc.invalidateQueries({ queryKey: keys.teamSetting(PHOTO_FILES_KEY) }),
  });
  const chosen = setting.data === ORIGINALS ? ORIGINALS : SHARED;
  const r = report.data;
  return (
    <section className="card" data-testid="settings-space">
      <h2>{t("settings.space.title")}</h2>
      <p className="muted">{t("settings.space.hint")}</p>
      {report.isError && (
        <p className="field-error" role="alert">
          {toApiError(report.error).message}
        </p>
      )}
      {r && (
        <>
          <h3>{t("settings.space.folder")}</h3>
          {r.folder ? (
            <table className="table space-table" data-testid="space-folder">
              <tbody>
                <Row testId="space-journals" label={t("settings.space.journals")} bytes={r.folder.journals} />
                <Row
                  testId="space-photos"
                  label={t("settings.space.photos")}
                  bytes={r.folder.photos}
                  note={t("settings.space.photoCount", { count: r.folder.photo_files })}
                />
                <Row testId="space-snapshots" label={t("settings.space.snapshots")} bytes={r.folder.snapshots} />
                <Row testId="space-folder-other" label={t("settings.space.other")} bytes={r.folder.other} />
                <Row testId="space-folder-total" label={t("settings.space.total")} bytes={r.folder.total} />
              </tbody>
            </table>
          ) : (
            <p className="muted" data-testid="space-no-folder">
              {t("settings.space.noFolder")}
            </p>
          )}
          <h3>{t("settings.space.computer")}</h3>
          <table className="table space-table" data-testid="space-data">
            <tbody>
              <Row testId="space-database" label={t("settings.space.database")} bytes={r.data.database} />
              <Row testId="space-originals" label={t("settings.space.originals")} bytes={r.data.originals} />
              <Row testId="space-shared" label={t("settings.space.sharedPhotos")} bytes={r.data.shared_photos} />
              <Row testId="space-derived" label={t("settings.space.derived")} bytes={r.data.derived} />
              <Row testId="space-backups" label={t("settings.space.backups")} bytes={r.data.backups} />
              <Row testId="space-data-other" label={t("settings.space.other")} bytes={r.data.other} />
              <Row testId="space-data-total" label={t("settings.space.total")} bytes={r.data.total} />
              {r.second_backups !== null && (
                <Row testId="space-second" label={t("settings.space.secondBackups")} bytes={r.second_backups} />
              )}
            </tbody>
          </table>
        </>
      )}
      <h3>
        <label htmlFor={id}>{t("settings.space.photoFiles")}</label>
      </h3>
      <select
        id={id}
        value={chosen}
        disabled={save.isPending || setting.isPending}
        onChange={(e) => save.mutate(e.target.value)}
        data-testid="settings-photo-files"
      >
        <option value={SHARED}>{t("settings.space.photoFilesShared")}</option>
        <option value={ORIGINALS}>{t("settings.space.photoFilesOriginals")}</option>
      </select>
      <p className="muted">{t("settings.space.photoFilesHint")}</p>
      {save.isError && (
        <p className="field-error" role="alert">
          {toApiError(save.error).message}
        </p>
      )}
      {r && <ArchiveSection status={r.archive} />}
    </section>
  );
}
