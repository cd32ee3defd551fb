import { useTranslation } from "react-i18next";
import type { LogEntry } from "../../bindings/LogEntry";
import type { LogLevel } from "../../bindings/LogLevel";
import { formatDateTime } from "../../time";
import { useLang } from "../../i18n";

function levelOf(level: string): LogLevel {
  return level === "warning" || level === "error" ? level : "info";
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
                <span className="sync-log-message">{e.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
