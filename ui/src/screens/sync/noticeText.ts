import type { TFunction } from "i18next";
import { ko } from "../../i18n/ko";

/** The notice codes the core sends (`src/sync/notice.rs`), each worded in ko/en. */
export const NOTICE_CODES = ko.sync.notice;
export type NoticeCode = keyof typeof NOTICE_CODES;

const isNoticeCode = (code: string): code is NoticeCode => Object.hasOwn(NOTICE_CODES, code);

/** A sync notice in the reader's language; the core's English only for a code this app does not know. */
export function noticeText(n: { code: string | null; params: Record<string, string | undefined>; message: string }, t: TFunction): string {
  if (!n.code || !isNoticeCode(n.code)) return n.message;
  return t(`sync.notice.${n.code}`, { ...n.params, defaultValue: n.message });
}
