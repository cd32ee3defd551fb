// Buyers to contact today (the 3-day thank-you, the 1M call …), each one
// click from done, skipped or snoozed, with an optional note of the call.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { DueFollowUp } from "../../bindings/DueFollowUp";
import type { Today } from "../../bindings/Today";
import { addDays, formatDate } from "../../time";
import { useLang } from "../../i18n";
import { useNav } from "../../navigation";
import { careKeys, invalidateCare } from "../../queries";
import { stepLabel, useCareErrorText } from "../care/careText";
import { DateInput } from "../../components/DatePicker";

/** How far "snooze" moves a follow-up unless the dealer picks another day. */
export const SNOOZE_DAYS = 3;

type Props = {
  items: DueFollowUp[];
  /** Today in Korea, YYYY-MM-DD. */
  today: string;
  testId?: string;
};

export function DueFollowUps({ items, today, testId = "today-follow-ups" }: Props) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid={testId}>
      <h2>{items.length > 0 ? t("today.followUps", { count: items.length }) : t("care.followUps")}</h2>
      {items.length === 0 ? (
        <p className="muted">{t("today.followUpsEmpty")}</p>
      ) : (
        <ul className="rows follow-ups">
          {items.map((item) => (
            <FollowUpRow key={item.follow_up.id} item={item} today={today} />
          ))}
        </ul>
      )}
    </section>
  );
}

type Action = { kind: "done" | "skip"; note: string } | { kind: "snooze"; until: string };

function FollowUpRow({ item, today }: { item: DueFollowUp; today: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const nav = useNav();
  const qc = useQueryClient();
  const errorText = useCareErrorText();
  const noteId = useId();
  const dateId = useId();
  const f = item.follow_up;
  const [note, setNote] = useState("");
  const [until, setUntil] = useState(() => addDays(today, SNOOZE_DAYS));

  const act = useMutation({
    mutationFn: (a: Action) =>
      a.kind === "snooze" ? api.snoozeFollowUp(f.id, a.until) : api.closeFollowUp(f.id, a.kind === "done", a.note),
    onSuccess: () => {
      // Off today's list at once; the refetch confirms.
      qc.setQueryData<Today>(careKeys.today, (old) =>
        old ? { ...old, follow_ups: old.follow_ups.filter((x) => x.follow_up.id !== f.id) } : old,
      );
      void invalidateCare(qc);
    },
  });
  const due = f.snoozed_until ?? f.due_on;
  const busy = act.isPending;

  return (
    <li className="follow-up" data-testid="today-follow-up" data-step={f.step} data-follow-up-id={f.id}>
      <div className="follow-up-info">
        <span className="follow-up-who">
          <button
            type="button"
            className="btn-link alert-name"
            onClick={() => nav.go({ name: "customer", id: item.customer_id })}
            data-testid="follow-up-customer"
          >
            {item.customer_name}
          </button>
          {item.phone && (
            <a className="follow-up-phone" href={`tel:${item.phone}`} data-testid="follow-up-phone">
              {item.phone}
            </a>
          )}
        </span>
        <span className="follow-up-step">{stepLabel(f.step, t)}</span>
        <span className="muted">
          {item.vehicle_label} · {t("today.delivered", { date: formatDate(item.delivered_on, lang) })}
          {item.user_name && ` · ${item.user_name}`}
        </span>
        <span className={item.days_late > 0 ? "alert-late" : "muted"} data-testid="follow-up-late">
          {t("today.dueOn", { date: formatDate(due, lang) })} ·{" "}
          {item.days_late > 0 ? t("today.daysLate", { count: item.days_late }) : t("today.dueToday")}
        </span>
      </div>
      <div className="follow-up-actions">
        <label className="visually-hidden" htmlFor={noteId}>
          {t("today.note")}
        </label>
        <input
          id={noteId}
          type="text"
          className="follow-up-note"
          value={note}
          placeholder={t("today.notePlaceholder")}
          onChange={(e) => setNote(e.target.value)}
          data-testid="follow-up-note"
        />
        <button
          type="button"
          className="btn btn-primary btn-small"
          disabled={busy}
          onClick={() => act.mutate({ kind: "done", note: note.trim() })}
          data-testid="follow-up-done"
        >
          {t("today.done")}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => act.mutate({ kind: "skip", note: note.trim() })}
          data-testid="follow-up-skip"
        >
          {t("today.skip")}
        </button>
        <span className="follow-up-snooze">
          <button
            type="button"
            className="btn btn-small"
            disabled={busy || !until}
            onClick={() => act.mutate({ kind: "snooze", until })}
            data-testid="follow-up-snooze"
          >
            {t("today.snooze")}
          </button>
          <label className="visually-hidden" htmlFor={dateId}>
            {t("today.snoozeUntil")}
          </label>
          <DateInput id={dateId} value={until} onChange={setUntil} testId="follow-up-snooze-date" />
        </span>
      </div>
      {act.isError && (
        <p className="field-error" role="alert" data-testid="follow-up-error">
          {errorText(act.error)}
        </p>
      )}
    </li>
  );
}
