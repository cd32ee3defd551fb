import { useState } from "react";
import { useTranslation } from "react-i18next";
import { photoUrl } from "../../../photoUrl";
import { usePhotos } from "../../../queries";
import { PhotoViewer } from "../gallery/PhotoViewer";

/** The vehicle's photos linked to one panel or item, opening in the viewer. */
export function PartPhotos({ vehicleId, part }: { vehicleId: string; part: string }) {
  const { t } = useTranslation();
  const photos = usePhotos(vehicleId);
  const [viewing, setViewing] = useState<number | null>(null);
  const linked = (photos.data ?? []).filter((p) => p.part === part);
  return (
    <div className="part-photos" data-testid="part-photos">
      <h4>{t("condition.photos")}</h4>
      {linked.length === 0 ? (
        <p className="muted small">{t("condition.noPartPhotos")}</p>
      ) : (
        <ul className="part-photo-list">
          {linked.map((p, i) => (
            <li key={p.id}>
              <button type="button" className="part-photo" onClick={() => setViewing(i)} aria-label={t("gallery.open")} data-testid="part-photo">
                <img src={photoUrl(p.hash, "thumb")} alt={p.caption || p.original_name} loading="lazy" decoding="async" />
              </button>
            </li>
          ))}
        </ul>
      )}
      {viewing !== null && <PhotoViewer photos={linked} index={viewing} onIndex={setViewing} onClose={() => setViewing(null)} />}
    </div>
  );
}
