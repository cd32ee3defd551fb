import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, toApiError } from "./api";
import { ko } from "./i18n/ko";

type ErrorCode = keyof typeof ko.errors;

function isKnownCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ko.errors, code);
}

/** Field name (as the core names it, e.g. "wants.budget_max_krw") -> shown text. */
export type FieldErrors = Record<string, string>;

/** Localises an error by its code; unknown codes show the core's own message. */
export function useErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      return isKnownCode(err.code) ? t(`errors.${err.code}`) : err.message;
    },
    [t],
  );
}

/** A client-side check failure shaped like the core's, so it shows the same way. */
export function fieldError(field: string, code: ErrorCode): ApiError {
  return new ApiError({ code, message: code, field, problems: [] });
}
