import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import type { LogEntry } from "../../bindings/LogEntry";
import type { LogLevel } from "../../bindings/LogLevel";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";
import { passSummary } from "./SyncReportView";
import { NOTICE_CODES, noticeText } from "./noticeText";
import { codeText } from "../../errors";

function levelOf(level: string): LogLevel {
  return level === "warning" || level === "error" ? level : "info";
}

const num = (v: string | undefined) => Number(v ?? 0) || 0;

/** One log line in the reader's language: a pass's numbers, a skipped file,
 *  a known problem; the core's English only for what has no code. */
export function logText(e: LogEntry, t: TFunction): string {
  if (e.code === "pass") {
    const parts = [
      passSummary(
        {
          sent: num(e.params.sent),
          received: num(e.params.received),
          photosSent: num(e.params.photos_sent),
          photosReceived: num(e.params.photos_received),
        },
        t,
      ),
    ];
    if (num(e.params.set_aside) > 0) parts.push(t("sync.logLine.setAside", { count: num(e.params.set_aside) }));
    if (num(e.params.skipped) > 0) parts.push(t("sync.logLine.skipped", { count: num(e.params.skipped) }));
    return parts.join(" · ");
  }
  if (e.code === "skipped") {
    const why = t(`sync.skipReason.${e.params.why ?? ""}`, { defaultValue: e.message });
    return `${e.params.file ?? ""}: ${why}`;
  }
  if (e.code && e.code in NOTICE_CODES) return noticeText(e, t);
  if (e.code === "keychain") return t("sync.errors.keychain");
  if (e.code) return codeText(t, e.code, e.message) ?? e.message;
  return e.message;
}

/** The recent sync log, newest first, each line with its level. */
export function SyncLog({ log }: { log: LogEntry[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section className="card" data-testid="sync-log">
      <h2>{t("sync.log")}</h2>
      {log.length === 0 ? (
        <p className="muted">{t("sync.logEmpty")}</p>
      ) : (
        <ul className="sync-log-list">
          {log.map((e, i) => {
            const level = levelOf(e.level);
            return (
              <li key={`${e.at}-${i}`} className={`sync-log-entry sync-log-${level}`} data-testid="sync-log-entry" data-level={level}>
                <span className="sync-log-time muted small">{formatDateTime(e.at, lang)}</span>
                <span className={`badge badge-log-${level}`}>{t(`sync.level.${level}`)}</span>
                <span className="sync-log-message">{logText(e, t)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
