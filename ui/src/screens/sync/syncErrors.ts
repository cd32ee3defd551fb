import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { toApiError } from "../../api";
import { codeText, useErrorText } from "../../errors";

/** The fields of the Sync form, as the core names them. */
export const SYNC_FIELDS = new Set(["folder", "device_name", "passphrase"]);

/** Like useErrorText; the keychain here holds the team passphrase, so it reads so. */
export function useSyncErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      return err.code === "keychain" ? t("sync.errors.keychain") : errorText(err);
    },
    [t, errorText],
  );
}

/** The last pass's problem from the status: the plain words of its code when
 * the UI knows it, else the core's own message. */
export function useSyncProblemText(): (code: string | null, message: string | null) => string | null {
  const { t } = useTranslation();
  return useCallback(
    (code: string | null, message: string | null) =>
      code === "keychain" ? t("sync.errors.keychain") : codeText(t, code, message),
    [t],
  );
}
