// The follow-up schedule as a dealer thinks of it: a list of steps ("3일 뒤
// 감사 인사", "1개월 뒤 안부 전화"), each a number and a unit, never typed as
// "3d,1m,6m,1y" (the stored form, which the core checks).
import { useTranslation } from "react-i18next";
import { stepLabel } from "../care/careText";

export const UNITS = ["d", "w", "m", "y"] as const;
export type Unit = (typeof UNITS)[number];
export type Step = { count: string; unit: Unit };

/** "3d,1m" → steps; a piece that is not a step is left out (the core never stores one). */
export function parseSchedule(text: string): Step[] {
  return text
    .split(",")
    .map((s) => /^\s*(\d+)\s*([dwmy])\s*$/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ count: m[1] ?? "", unit: (m[2] ?? "d") as Unit }));
}

/** Steps → the stored form, "3d,1m,6m,1y". */
export function scheduleText(steps: Step[]): string {
  return steps.map((s) => `${s.count.trim()}${s.unit}`).join(",");
}

export function ScheduleEditor({ steps, onChange, firstId }: { steps: Step[]; onChange: (steps: Step[]) => void; firstId?: string }) {
  const { t } = useTranslation();
  const edit = (i: number, change: Partial<Step>) => onChange(steps.map((s, j) => (j === i ? { ...s, ...change } : s)));
  return (
    <div className="schedule-editor" data-testid="care-schedule">
      {steps.length === 0 && <p className="muted">{t("care.settings.noSteps")}</p>}
      <ol className="schedule-steps">
        {steps.map((s, i) => (
          <li key={i} className="schedule-step" data-testid="schedule-step">
            <input
              id={i === 0 ? firstId : undefined}
              className="schedule-count"
              inputMode="numeric"
              autoComplete="off"
              aria-label={t("care.settings.stepCount", { n: i + 1 })}
              value={s.count}
              onChange={(e) => edit(i, { count: e.target.value.replace(/\D/g, "") })}
              data-testid={`schedule-count-${i}`}
            />
            <select
              aria-label={t("care.settings.stepUnit", { n: i + 1 })}
              value={s.unit}
              onChange={(e) => edit(i, { unit: e.target.value as Unit })}
              data-testid={`schedule-unit-${i}`}
            >
              {UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`care.settings.unit.${u}`)}
                </option>
              ))}
            </select>
            <span className="schedule-label" data-testid={`schedule-label-${i}`}>
              {s.count ? stepLabel(`${s.count}${s.unit}`, t) : ""}
            </span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => onChange(steps.filter((_, j) => j !== i))}
              data-testid={`schedule-remove-${i}`}
            >
              {t("care.settings.removeStep")}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-small" onClick={() => onChange([...steps, { count: "1", unit: "m" }])} data-testid="schedule-add">
        {t("care.settings.addStep")}
      </button>
    </div>
  );
}
