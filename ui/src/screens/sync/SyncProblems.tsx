// Changes from other computers that failed the column rules and were set
// aside (src/db/rules.rs): who sent them, what, and why, in plain words.
// The Sync page lists every group; Today shows a compact card.
// (A sibling component names computers with a wrong clock.)
import { useTranslation } from "react-i18next";
import type { SetAsideGroup } from "../../bindings/SetAsideGroup";
import { ko } from "../../i18n/ko";
import { useNav } from "../../navigation";

type Words = typeof ko.syncProblems;

function has<T extends object>(tree: T, key: string): key is Extract<keyof T, string> {
  return Object.prototype.hasOwnProperty.call(tree, key);
}

/** 이 / 가 after a Korean word, by its last syllable's final consonant. */
export function subjectParticle(word: string): string {
  const last = word.codePointAt(word.length - 1) ?? 0;
  if (last < 0xac00 || last > 0xd7a3) return "이(가)";
  return (last - 0xac00) % 28 === 0 ? "가" : "이";
}

export function useProblemText() {
  const { t, i18n } = useTranslation();
  return (g: SetAsideGroup): string => {
    const words: Words = ko.syncProblems;
    const device = g.device_name || t("sync.unnamed", { id: g.device_id.slice(0, 8) });
    const table = has(words.tables, g.table) ? t(`syncProblems.tables.${g.table}`) : t("syncProblems.tables.other");
    const col = g.column ?? "";
    const field =
      g.column === null
        ? t("syncProblems.record")
        : has(words.fields, col)
          ? t(`syncProblems.fields.${col}`)
          : t("syncProblems.fields.other");
    const reason = has(words.reasons, g.reason.code)
      ? t(`syncProblems.reasons.${g.reason.code}`, { min: g.reason.params.min ?? "", max: g.reason.params.max ?? "" })
      : t("syncProblems.reasons.other");
    const particle = (i18n.resolvedLanguage ?? "ko") === "ko" ? subjectParticle(field) : "";
    return t("syncProblems.line", { count: g.count, device, table, field, particle, reason });
  };
}

/** Every group of set-aside changes; nothing when there are none. */
export function SyncProblems({ groups, compact = false }: { groups: SetAsideGroup[]; compact?: boolean }) {
  const { t } = useTranslation();
  const nav = useNav();
  const text = useProblemText();
  if (groups.length === 0) return null;
  const total = groups.reduce((n, g) => n + g.count, 0);
  const shown = compact ? groups.slice(0, 3) : groups;
  return (
    <section className="card card-alert" data-testid={compact ? "today-sync-problems" : "sync-problems"}>
      <div className="card-head">
        <h2>{t("syncProblems.title", { count: total })}</h2>
        {compact && (
          <button type="button" className="btn" onClick={() => nav.go({ name: "sync" })} data-testid="sync-problems-open">
            {t("syncProblems.open")}
          </button>
        )}
      </div>
      <ul className="rows">
        {shown.map((g) => (
          <li key={`${g.device_id}|${g.table}|${g.column ?? ""}|${g.reason.code}`} data-testid="sync-problem">
            {text(g)}
          </li>
        ))}
      </ul>
      {compact && groups.length > shown.length && (
        <p className="muted">{t("syncProblems.more", { count: groups.length - shown.length })}</p>
      )}
      {!compact && <p className="muted">{t("syncProblems.hint")}</p>}
    </section>
  );
}
