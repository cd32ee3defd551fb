// The open recalls of a car and what to tell its buyer: above the sale form
// (with the confirmation the sale needs) and on the condition report's print page.
import { useTranslation } from "react-i18next";
import type { CarRecall } from "../../bindings/CarRecall";
import { useLang } from "../../i18n";
import { buyerNotice } from "./buyerNotice";

type Props = {
  open: CarRecall[];
  /** The sale form's confirmation; absent on the print page. */
  told?: { value: boolean; onChange: (v: boolean) => void };
  testId: string;
};

export function OpenRecallNotice({ open, told, testId }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  if (open.length === 0) return null;
  return (
    <div className="recall-notice" role="note" data-testid={testId}>
      <strong>{told ? t("recalls.saleWarning") : t("recalls.printTitle")}</strong>
      {told && <p className="muted small">{t("recalls.tellBuyer")}</p>}
      <ul>
        {open.map((r) => (
          <li key={r.id} data-testid={`${testId}-item`}>
            {buyerNotice(t, lang, r)}
          </li>
        ))}
      </ul>
      {told && (
        <label className="check">
          <input type="checkbox" checked={told.value} onChange={(e) => told.onChange(e.target.checked)} data-testid="sale-recall-told" />{" "}
          {t("recalls.confirmTold")}
        </label>
      )}
    </div>
  );
}
