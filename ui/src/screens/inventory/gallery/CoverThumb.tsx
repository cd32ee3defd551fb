import { useTranslation } from "react-i18next";
import { photoUrl } from "../../../photoUrl";

/** The cover photo in the inventory list (64×48), or a plain placeholder when there is none. */
export function CoverThumb({ hash }: { hash: string | null }) {
  const { t } = useTranslation();
  if (!hash) {
    return <span className="cover-thumb cover-none" role="img" aria-label={t("gallery.noPhoto")} data-testid="vehicle-cover-none" />;
  }
  return (
    <img
      className="cover-thumb"
      src={photoUrl(hash, "thumb")}
      alt=""
      width={64}
      height={48}
      loading="lazy"
      decoding="async"
      data-testid="vehicle-cover-thumb"
      data-hash={hash}
    />
  );
}
