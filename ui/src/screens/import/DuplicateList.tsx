// Rows that are already customers (the same phone or e-mail): skip or update,
// for all of them or row by row.
import { useTranslation } from "react-i18next";
import type { DuplicateAction } from "../../bindings/DuplicateAction";
import type { DuplicateRow } from "../../bindings/DuplicateRow";

type Props = {
  duplicates: DuplicateRow[];
  defaultAction: DuplicateAction;
  onDefault: (a: DuplicateAction) => void;
  rowActions: Record<number, DuplicateAction>;
  onRow: (row: number, a: DuplicateAction) => void;
};

export function DuplicateList({ duplicates, defaultAction, onDefault, rowActions, onRow }: Props) {
  const { t } = useTranslation();
  return (
    <div className="import-duplicates" data-testid="import-duplicates">
      <h2>{t("import.duplicates", { count: duplicates.length })}</h2>
      <label>
        {t("import.duplicatesAll")}{" "}
        <select value={defaultAction} onChange={(e) => onDefault(e.target.value as DuplicateAction)} data-testid="import-dup-default">
          <option value="skip">{t("import.skip")}</option>
          <option value="update">{t("import.update")}</option>
        </select>
      </label>
      <ul>
        {duplicates.map((d) => (
          <li key={d.row} data-testid="import-duplicate" data-row={d.row}>
            {t("import.duplicateRow", {
              row: d.row,
              name: d.name,
              existing: d.customer_name,
              value: d.value,
              on: t(`import.matchedOn.${d.matched_on === "phone" ? "phone" : "email"}`),
            })}{" "}
            <select
              value={rowActions[d.row] ?? defaultAction}
              onChange={(e) => onRow(d.row, e.target.value as DuplicateAction)}
              aria-label={t("import.duplicateChoice", { row: d.row })}
              data-testid={`import-dup-${d.row}`}
            >
              <option value="skip">{t("import.skip")}</option>
              <option value="update">{t("import.update")}</option>
            </select>
          </li>
        ))}
      </ul>
    </div>
  );
}
