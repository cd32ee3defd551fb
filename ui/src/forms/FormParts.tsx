import { useTranslation } from "react-i18next";

/** The form-level error (one the core could not place at a field). */
export function FormError({ message, testId = "form-error" }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <p className="banner banner-error" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}

/** Save and cancel, with `<prefix>-save` / `<prefix>-cancel` test ids. */
export function FormActions({ saving, onCancel, testIdPrefix }: { saving: boolean; onCancel: () => void; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <button type="submit" className="btn btn-primary" disabled={saving} data-testid={`${testIdPrefix}-save`}>
        {saving ? t("common.saving") : t("common.save")}
      </button>
      <button type="button" className="btn" onClick={onCancel} data-testid={`${testIdPrefix}-cancel`}>
        {t("common.cancel")}
      </button>
    </div>
  );
}
