// Our own date and time pickers: the webview's <input type="date"> follows
// the OS locale (12/05/2026 on an American machine); these show the UI
// language's one format (2026.12.05 / 5 Dec 2026) and read what is typed in
// either language. A text field plus a popover (a month grid for dates, a
// list of times), usable from the keyboard and labelled.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useLang } from "../i18n";
import {
  addDays,
  formatDate,
  formatLongDate,
  formatMonth,
  minutesToTime,
  parseDateText,
  parseTimeText,
  timeToMinutes,
  todayDate,
  weekdayNames,
  weekStart,
} from "../time";
import { Field, type ControlProps } from "./Field";
import "./picker.css";

type DateInputProps = Partial<ControlProps> & {
  /** "YYYY-MM-DD", or "" (or text that is not a date, shown as it is). */
  value: string;
  /** A date as "YYYY-MM-DD"; text that is not one as typed, so the core names the field. */
  onChange: (value: string) => void;
  testId?: string;
  autoFocus?: boolean;
  disabled?: boolean;
};

/** Closes a popover on a click outside `ref` or on Escape. */
function useDismiss(open: boolean, ref: React.RefObject<HTMLElement | null>, close: () => void) {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) close();
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open, ref, close]);
}

/** The text a field shows for its value; follows the value unless the text already means it. */
function useShownText(value: string, show: (v: string) => string, parse: (t: string) => string | null) {
  const [text, setText] = useState(() => show(value));
  const [prev, setPrev] = useState({ value, shown: show(value) });
  const shown = show(value);
  if (prev.value !== value || prev.shown !== shown) {
    setPrev({ value, shown });
    // A new value from outside, or the language changed: show it anew;
    // a value the typed text already means keeps the text as typed.
    if (prev.value === value || parse(text) !== value) setText(shown);
  }
  return [text, setText] as const;
}

export function DateInput({ value, onChange, testId, autoFocus, disabled, ...control }: DateInputProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const popId = useId();
  const show = (v: string) => formatDate(v, lang);
  const [text, setText] = useShownText(value, show, (s) => parseDateText(s));
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useDismiss(open, box, () => setOpen(false));

  const typed = (s: string) => {
    setText(s);
    const d = parseDateText(s);
    onChange(d ?? s.trim());
  };
  const pick = (d: string) => {
    setText(show(d));
    onChange(d);
    setOpen(false);
    input.current?.focus();
  };
  const invalid = control["aria-invalid"] || (text.trim() !== "" && parseDateText(text) === null);

  return (
    <div className="picker" ref={box}>
      <input
        {...control}
        ref={input}
        type="text"
        inputMode="text"
        autoComplete="off"
        autoFocus={autoFocus}
        disabled={disabled}
        value={text}
        placeholder={lang === "ko" ? "2026.12.05" : "5 Dec 2026"}
        aria-invalid={invalid}
        onChange={(e) => typed(e.target.value)}
        onBlur={() => {
          const d = parseDateText(text);
          if (d) setText(show(d));
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && e.altKey) {
            e.preventDefault();
            setOpen(true);
          }
        }}
        data-testid={testId}
      />
      <button
        type="button"
        className="picker-button"
        aria-label={t("picker.openCalendar")}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popId : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId ? `${testId}-open` : undefined}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <rect x="1.5" y="3" width="13" height="11.5" rx="1.5" fill="none" stroke="currentColor" />
          <path d="M1.5 6.5h13M5 1.5v3M11 1.5v3" stroke="currentColor" fill="none" />
        </svg>
      </button>
      {open && (
        <MonthGrid
          id={popId}
          selected={parseDateText(text)}
          onPick={pick}
          onClose={() => {
            setOpen(false);
            input.current?.focus();
          }}
          testId={testId}
        />
      )}
    </div>
  );
}

function MonthGrid({
  id,
  selected,
  onPick,
  onClose,
  testId,
}: {
  id: string;
  selected: string | null;
  onPick: (d: string) => void;
  onClose: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = todayDate();
  const [focus, setFocus] = useState(selected ?? today);
  const grid = useRef<HTMLDivElement>(null);
  const month = focus.slice(0, 7);
  const first = weekStart(`${month}-01`);
  const days = Array.from({ length: 42 }, (_, i) => addDays(first, i));
  const weeks = [0, 1, 2, 3, 4, 5].map((w) => days.slice(w * 7, w * 7 + 7)).filter((w) => w.some((d) => d.startsWith(month)));

  useEffect(() => {
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focus}"]`)?.focus();
  }, [focus]);

  const shiftMonth = (n: number) => {
    const [y, m] = [Number(focus.slice(0, 4)), Number(focus.slice(5, 7))];
    const total = y * 12 + (m - 1) + n;
    const ny = Math.floor(total / 12);
    const nm = (total % 12) + 1;
    const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
    const day = Math.min(Number(focus.slice(8, 10)), last);
    setFocus(`${String(ny).padStart(4, "0")}-${String(nm).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  };

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowLeft: () => setFocus(addDays(focus, -1)),
      ArrowRight: () => setFocus(addDays(focus, 1)),
      ArrowUp: () => setFocus(addDays(focus, -7)),
      ArrowDown: () => setFocus(addDays(focus, 7)),
      PageUp: () => shiftMonth(e.shiftKey ? -12 : -1),
      PageDown: () => shiftMonth(e.shiftKey ? 12 : 1),
      Home: () => setFocus(weekStart(focus)),
      End: () => setFocus(addDays(weekStart(focus), 6)),
      Escape: onClose,
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      e.stopPropagation();
      move();
    }
  };

  return (
    <div className="picker-pop" id={id} role="dialog" aria-label={t("picker.calendar")} onKeyDown={onKey} data-testid={testId ? `${testId}-calendar` : undefined}>
      <div className="picker-head">
        <button type="button" className="btn btn-small" aria-label={t("picker.prevMonth")} onClick={() => shiftMonth(-1)}>
          ‹
        </button>
        <strong aria-live="polite">{formatMonth(focus, lang)}</strong>
        <button type="button" className="btn btn-small" aria-label={t("picker.nextMonth")} onClick={() => shiftMonth(1)}>
          ›
        </button>
      </div>
      <div className="picker-grid" role="grid" ref={grid}>
        <div role="row" className="picker-row">
          {weekdayNames(lang).map((w) => (
            <span key={w} role="columnheader" className="picker-weekday">
              {w}
            </span>
          ))}
        </div>
        {weeks.map((w) => (
          <div role="row" className="picker-row" key={w[0]}>
            {w.map((d) => (
              <span role="gridcell" key={d} aria-selected={d === selected}>
                <button
                  type="button"
                  tabIndex={d === focus ? 0 : -1}
                  data-date={d}
                  className={[
                    "picker-day",
                    d.startsWith(month) ? "" : "picker-day-other",
                    d === today ? "picker-day-today" : "",
                    d === selected ? "picker-day-selected" : "",
                  ]
                    .filter(Boolean)
                    .join(" ")}
                  aria-label={formatLongDate(d, lang)}
                  aria-current={d === today ? "date" : undefined}
                  onClick={() => onPick(d)}
                >
                  {Number(d.slice(8, 10))}
                </button>
              </span>
            ))}
          </div>
        ))}
      </div>
      <div className="picker-foot">
        <button type="button" className="btn btn-small" onClick={() => onPick(today)}>
          {t("picker.today")}
        </button>
      </div>
    </div>
  );
}

type TimeInputProps = Partial<ControlProps> & {
  /** "HH:MM" (24 h), or "". */
  value: string;
  /** A time as "HH:MM"; text that is not one as typed. */
  onChange: (value: string) => void;
  /** Minutes between the listed times and per arrow key. */
  step?: number;
  testId?: string;
  autoFocus?: boolean;
  disabled?: boolean;
};

export function TimeInput({ value, onChange, step = 15, testId, autoFocus, disabled, ...control }: TimeInputProps) {
  const { t } = useTranslation();
  const popId = useId();
  const [text, setText] = useShownText(value, (v) => v, parseTimeText);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useDismiss(open, box, () => setOpen(false));
  const current = parseTimeText(text);
  const times = Array.from({ length: Math.ceil(1440 / step) }, (_, i) => minutesToTime(i * step));

  useEffect(() => {
    if (!open || !list.current) return;
    const near = current ? minutesToTime(Math.round(timeToMinutes(current) / step) * step) : "09:00";
    list.current.querySelector<HTMLElement>(`[data-time="${near}"]`)?.scrollIntoView?.({ block: "center" });
  }, [open, current, step]);

  const set = (hm: string) => {
    setText(hm);
    onChange(hm);
  };
  const typed = (s: string) => {
    setText(s);
    onChange(parseTimeText(s) ?? s.trim());
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && e.altKey) {
      e.preventDefault();
      setOpen(true);
    } else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      // Step to the next or previous listed time.
      e.preventDefault();
      const m = current ? timeToMinutes(current) : 9 * 60;
      const next = e.key === "ArrowUp" ? Math.floor(m / step) * step + step : Math.ceil(m / step) * step - step;
      set(minutesToTime(next));
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="picker picker-time" ref={box}>
      <input
        {...control}
        ref={input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        autoFocus={autoFocus}
        disabled={disabled}
        value={text}
        placeholder="14:00"
        aria-invalid={control["aria-invalid"] || (text.trim() !== "" && current === null)}
        onChange={(e) => typed(e.target.value)}
        onBlur={() => {
          if (current) setText(current);
        }}
        onKeyDown={onKey}
        data-testid={testId}
      />
      <button
        type="button"
        className="picker-button"
        aria-label={t("picker.openTimes")}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? popId : undefined}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId ? `${testId}-open` : undefined}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" />
          <path d="M8 4v4l2.5 2" stroke="currentColor" fill="none" />
        </svg>
      </button>
      {open && (
        <ul className="picker-pop picker-times" id={popId} role="listbox" aria-label={t("picker.times")} ref={list}>
          {times.map((hm) => (
            <li key={hm} role="option" aria-selected={hm === current} data-time={hm}>
              <button
                type="button"
                className={hm === current ? "picker-time-selected" : undefined}
                onClick={() => {
                  set(hm);
                  setOpen(false);
                  input.current?.focus();
                }}
                onKeyDown={(e) => {
                  if (e.key === "Escape") {
                    setOpen(false);
                    input.current?.focus();
                  }
                }}
              >
                {hm}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type DateFieldProps = {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  autoFocus?: boolean;
  /** Defaults to field-<name>. */
  testId?: string;
  errorTestId?: string;
};

/** A labelled date picker with its error, like TextField. */
export function DateField({ name, label, value, onChange, error, hint, autoFocus, testId, errorTestId }: DateFieldProps) {
  return (
    <Field name={name} label={label} error={error} hint={hint} errorTestId={errorTestId}>
      {(c) => <DateInput {...c} value={value} onChange={onChange} autoFocus={autoFocus} testId={testId ?? `field-${name}`} />}
    </Field>
  );
}
