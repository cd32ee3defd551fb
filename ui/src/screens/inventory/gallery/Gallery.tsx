import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import { EmptyState, ErrorState, Loading } from "../../../components/QueryState";
import { useErrorText } from "../../../errors";
import { keys, usePhotos } from "../../../queries";
import { ArchivedPhotos } from "./ArchivedPhotos";
import { ImportPanel } from "./ImportPanel";
import { PhotoGrid } from "./PhotoGrid";
import { PhotoViewer } from "./PhotoViewer";
import { UndoToast } from "./UndoToast";
import { useFileDrop } from "./useFileDrop";
import { usePhotoActions } from "./usePhotoActions";
import { usePhotoImport } from "./usePhotoImport";

/** The vehicle's photos: add (picker or OS drop), reorder, cover, captions, delete with undo, full-screen view. */
export function Gallery({ vehicleId }: { vehicleId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const errorText = useErrorText();
  const photos = usePhotos(vehicleId);
  const archivedIds = useQuery({ queryKey: keys.archivedPhotos(vehicleId), queryFn: () => api.archivedPhotos(vehicleId) });
  const archived = useMemo(
    () => new Set([...(archivedIds.data?.here ?? []), ...(archivedIds.data?.elsewhere ?? [])]),
    [archivedIds.data],
  );
  const actions = usePhotoActions(vehicleId);
  const imports = usePhotoImport(vehicleId);
  const [viewing, setViewing] = useState<string | null>(null);
  const [pickError, setPickError] = useState<unknown>(null);
  const hovering = useFileDrop((paths) => void imports.start(paths));
  const busy = imports.running !== null;
  const tileActions = useMemo(() => ({ ...actions.tile, open: setViewing }), [actions.tile]);

  const pick = async (picker: () => Promise<string[]>) => {
    setPickError(null);
    try {
      await imports.start(await picker());
    } catch (e) {
      setPickError(e);
    }
  };

  const list = photos.data ?? [];
  const viewIndex = viewing === null ? -1 : list.findIndex((p) => p.id === viewing);
  const failure = actions.failure ?? pickError;

  return (
    <section className={`card gallery${hovering && !busy ? " is-drop-target" : ""}`} aria-labelledby={titleId} data-testid="gallery">
      <div className="card-head">
        <h2 id={titleId}>
          {t("gallery.title")}
          {photos.isSuccess && list.length > 0 && <span className="gallery-count">{t("gallery.count", { count: list.length })}</span>}
        </h2>
        <div className="gallery-buttons">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => void pick(() => api.pickPhotoFiles(t("gallery.fileFilter")))}
            disabled={busy}
            data-testid="gallery-add-files"
          >
            {t("gallery.addFiles")}
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void pick(api.pickPhotoFolder)}
            disabled={busy}
            data-testid="gallery-add-folder"
          >
            {t("gallery.addFolder")}
          </button>
        </div>
      </div>

      <ImportPanel
        running={imports.running}
        summary={imports.summary}
        error={imports.error}
        onCancel={() => void imports.cancel()}
        onDismiss={imports.dismiss}
      />
      {failure !== null && (
        <p className="banner banner-error" role="alert" data-testid="gallery-error">
          {errorText(failure)}
        </p>
      )}

      <ArchivedPhotos
        vehicleId={vehicleId}
        count={archivedIds.data?.here.length ?? 0}
        elsewhere={archivedIds.data?.elsewhere.length ?? 0}
      />
      <div className="gallery-dropzone" data-testid="gallery-dropzone" data-over={hovering && !busy ? "true" : "false"}>
        {photos.isPending ? (
          <Loading />
        ) : photos.isError && !photos.data ? (
          <ErrorState error={photos.error} onRetry={() => void photos.refetch()} />
        ) : list.length === 0 ? (
          <EmptyState title={t("gallery.emptyTitle")} body={t("gallery.emptyBody")} testId="gallery-empty" />
        ) : (
          <>
            <p className="muted small">{t("gallery.sortHint")}</p>
            <PhotoGrid photos={list} onReorder={actions.reorder} actions={tileActions} archived={archived} />
          </>
        )}
        {hovering && !busy && (
          <div className="drop-hint" aria-hidden="true">
            {t("gallery.dropHint")}
          </div>
        )}
      </div>

      {actions.deleted && (
        <UndoToast key={actions.deleted.id} photo={actions.deleted} onUndo={actions.undo} onExpire={actions.forgetDeleted} />
      )}
      {viewIndex >= 0 && (
        <PhotoViewer
          photos={list}
          index={viewIndex}
          onIndex={(i) => setViewing(list[i]?.id ?? null)}
          onClose={() => setViewing(null)}
          onSetPart={actions.setPart}
          archived={archived}
        />
      )}
    </section>
  );
}
