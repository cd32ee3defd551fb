import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { toApiError } from "../../api";
import { useErrorText } from "../../errors";

/** The sync codes the core gives, put in plain words here. */
const SYNC_CODES = [
  "folder_missing",
  "unreachable",
  "passphrase_needed",
  "passphrase_wrong",
  "folder_not_encrypted",
  "folder_full",
  "keychain",
] as const;
type SyncCode = (typeof SYNC_CODES)[number];

function isSyncCode(code: string): code is SyncCode {
  return (SYNC_CODES as readonly string[]).includes(code);
}

/** The fields of the Sync form, as the core names them. */
export const SYNC_FIELDS = new Set(["folder", "device_name", "passphrase"]);

/** Like useErrorText, with the sync codes (folder, passphrase, offline) in plain words. */
export function useSyncErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return useCallback(
    (e: unknown) => {
      const err = toApiError(e);
      return isSyncCode(err.code) ? t(`sync.errors.${err.code}`) : errorText(err);
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
      code && isSyncCode(code) ? t(`sync.errors.${code}`) : message,
    [t],
  );
}
