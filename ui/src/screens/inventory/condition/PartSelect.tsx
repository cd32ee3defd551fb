import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useLabels } from "./labels";

/** Which panel or item of the condition report a photo shows; read-only without `onChange`. */
export function PartSelect({ part, onChange }: { part: string | null; onChange?: (part: string | null) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const labels = useLabels();
  if (!labels) return null;
  if (!onChange) {
    return part ? (
      <p className="viewer-part" data-testid="photo-part">
        {t("condition.part")}: {labels.part(part)}
      </p>
    ) : null;
  }
  const { catalog } = labels;
  return (
    <div className="viewer-part">
      <label htmlFor={id}>{t("condition.part")}</label>
      <select id={id} value={part ?? ""} onChange={(e) => onChange(e.target.value || null)} data-testid="photo-part-select">
        <option value="">{t("condition.partNone")}</option>
        <optgroup label={t("condition.partGroups.panels")}>
          {catalog.panels.map((p) => (
            <option key={p.key} value={p.key}>
              {labels.panel(p.key)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t("condition.partGroups.items")}>
          {catalog.items.map((i) => (
            <option key={i.key} value={i.key}>
              {labels.section(i.section)} · {labels.part(i.key)}
            </option>
          ))}
        </optgroup>
        <optgroup label={t("condition.partGroups.tyres")}>
          {catalog.tyres.map((ty) => (
            <option key={ty.key} value={`tyre.${ty.key}`}>
              {labels.part(`tyre.${ty.key}`)}
            </option>
          ))}
        </optgroup>
      </select>
    </div>
  );
}
