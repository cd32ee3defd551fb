import { useState } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  onConfirm: () => void;
  pending: boolean;
  /** The delete button; the confirm and cancel buttons get -confirm and -cancel. */
  testId: string;
};

/** Delete in two steps, inline (no native dialog: webviews differ in how they show one). */
export function ConfirmDelete({ onConfirm, pending, testId }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="btn btn-danger-quiet" onClick={() => setAsking(true)} data-testid={testId}>
        {t("common.delete")}
      </button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label={t("common.confirmDelete")}>
      <span>{t("common.confirmDelete")}</span>
      <button
        type="button"
        className="btn btn-danger"
        onClick={onConfirm}
        disabled={pending}
        data-testid={`${testId}-confirm`}
        autoFocus
      >
        {pending ? t("common.deleting") : t("common.confirmDeleteYes")}
      </button>
      <button type="button" className="btn" onClick={() => setAsking(false)} data-testid={`${testId}-cancel`}>
        {t("common.cancel")}
      </button>
    </div>
  );
}
