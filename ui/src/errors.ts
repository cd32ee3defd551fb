import type { TFunction } from "i18next";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, toApiError } from "./api";
import type { ErrorCode } from "./bindings/ErrorCode";
import { ko } from "./i18n/ko";

export type { ErrorCode };

/** The codes worded in the one `errors.<code>` map (and `<code>_named` variants). */
type Worded = keyof typeof ko.errors;

function isWorded(code: string): code is Worded {
  return Object.prototype.hasOwnProperty.call(ko.errors, code);
}

/** A code's words from `errors.<code>`, else the core's own message (for a log line, a status). */
export function codeText(t: TFunction, code: string | null, message: string | null): string | null {
  return code && isWorded(code) ? t(`errors.${code}`) : message;
}

/** Field name (as the core names it, e.g. "wants.budget_max_krw") -> shown text. */
export type FieldErrors = Record<string, string>;

/** Who an error is about, when the screen knows (the customer of a composer). */
export type ErrorSubject = { name?: string | null };

/**
 * Localises an error by its code; unknown codes show the core's own message.
 * With a name, a code that has a `<code>_named` text names them in it
 * ("고객 김민수의 이메일 주소가 올바르지 않습니다").
 */
export function useErrorText(): (e: unknown, about?: ErrorSubject) => string {
  const { t } = useTranslation();
  return useCallback(
    (e: unknown, about?: ErrorSubject) => {
      const err = toApiError(e);
      const named = `${err.code}_named`;
      if (about?.name && isWorded(named)) return t(`errors.${named}`, { name: about.name });
      const text = codeText(t, err.code, err.message) ?? err.message;
      const reply = SERVER_REPLY.has(err.code) ? serverReply(err.message) : "";
      return reply && reply !== text ? `${text} (${reply})` : text;
    },
    [t],
  );
}

/** Codes whose message ends in the mail server's own reply ("535 bad credentials"): shown beside the words, for support. */
const SERVER_REPLY: ReadonlySet<string> = new Set(["auth_failed", "recipient_refused", "rejected", "deferred", "tls"]);

/** The server's part of a message: after the core's "…: " explanation, else all of it. */
function serverReply(message: string | null | undefined): string {
  const text = (message ?? "").trim();
  const at = text.indexOf(": ");
  return at >= 0 ? text.slice(at + 2).trim() : text;
}

/** A client-side check failure shaped like the core's, so it shows the same way. */
export function fieldError(field: string, code: ErrorCode): ApiError {
  return new ApiError({ code, message: code, field, problems: [] });
}
