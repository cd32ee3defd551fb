// The first rows of the sheet under their headers, with the field each column
// fills chosen per column (or "ignore").
import { useTranslation } from "react-i18next";
import type { ImportKind } from "../../api";
import type { SheetPreview } from "../../bindings/SheetPreview";

type Props = {
  kind: ImportKind;
  preview: SheetPreview;
  onRemap: (index: number, field: string | null) => void;
  disabled: boolean;
};

const IGNORE = "";

export function MappingTable({ kind, preview, onRemap, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <div className="import-table-wrap">
      <table className="table import-table" data-testid="import-table">
        <thead>
          <tr>
            <th className="num">{t("import.row")}</th>
            {preview.columns.map((c) => (
              <th key={c.index} data-testid="import-column" data-field={c.field ?? ""}>
                <select
                  value={c.field ?? IGNORE}
                  onChange={(e) => onRemap(c.index, e.target.value === IGNORE ? null : e.target.value)}
                  aria-label={t("import.columnField", { column: c.header || c.letter })}
                  data-testid={`import-map-${c.letter}`}
                  disabled={disabled}
                >
                  <option value={IGNORE}>{t("import.ignore")}</option>
                  {preview.fields.map((f) => (
                    <option key={f.key} value={f.key}>
                      {t(`import.field.${kind}.${f.key}` as never, { defaultValue: f.key })}
                      {f.required ? " *" : ""}
                    </option>
                  ))}
                </select>
                <div className="import-header">
                  <span className="muted">{c.letter}</span> {c.header}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={r.number} data-row={r.number}>
              <td className="num muted">{r.number}</td>
              {preview.columns.map((c) => (
                <td key={c.index} className={c.field ? "" : "muted"}>
                  {r.cells[c.index] ?? ""}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
