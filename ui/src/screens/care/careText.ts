// Words for care: error codes of sales, campaigns and the care settings, and
// the follow-up steps ("1m" -> "1개월 안부 전화 (1M)").
import type { TFunction } from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { toApiError } from "../../api";
import { useErrorText } from "../../errors";

const PURPOSES = ["3d", "1m", "6m", "1y"] as const;
type Purpose = (typeof PURPOSES)[number];

function isPurpose(step: string): step is Purpose {
  return (PURPOSES as readonly string[]).includes(step);
}

/** What a schedule step means to the dealer; unknown steps are shown as written. */
export function stepLabel(step: string, t: TFunction): string {
  if (isPurpose(step)) return t(`sale.purpose.${step}`);
  const m = /^(\d+)([dwmy])$/.exec(step.trim());
  if (!m) return step;
  const count = Number(m[1]);
  const unit = m[2] as "d" | "w" | "m" | "y";
  return t("sale.after", { span: t(`sale.span.${unit}`, { count }) });
}

export const BUFFER_KEY = "calendar.buffer_minutes";
export const SCHEDULE_KEY = "care.schedule";

/** Like useErrorText, with the care codes in plain words. */
export function useCareErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      switch (err.code) {
        case "no_sender":
          return t("care.errors.no_sender");
        case "invalid_template":
          return t("care.errors.invalid_template");
        case "already_sold":
          return t("care.errors.already_sold");
        case "open_recall":
          return t("care.errors.open_recall");
        case "invalid_schedule":
          return t("care.errors.invalid_schedule");
        case "invalid_number":
          return t("errors.not_a_number");
        case "too_large":
        case "out_of_range":
          return err.field === BUFFER_KEY ? t("care.errors.buffer_range") : errorText(err);
        default:
          return errorText(err);
      }
    },
    [t, errorText],
  );
}
