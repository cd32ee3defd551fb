import { useState } from "react";
import { useTranslation } from "react-i18next";
import { parsePrice, priceToText, type PriceUnit } from "../format";
import type { ControlProps } from "./Field";

type Props = ControlProps & {
  /** Whole won; null when empty; NaN while the text is not a number. */
  value: number | null;
  onChange: (won: number | null) => void;
  unit: PriceUnit;
  testId: string;
  placeholder?: string;
};

/** A price typed in 만원 (Korean UI) or won (English UI), always reported in won. */
export function PriceInput({ value, onChange, unit, testId, placeholder, ...control }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => priceToText(value, unit));
  const [seen, setSeen] = useState({ value, unit });
  // Re-derive the text when the value is changed from outside (cleared filters)
  // or the language switches the unit; keep what the user typed otherwise.
  if (!Object.is(seen.value, value) || seen.unit !== unit) {
    setSeen({ value, unit });
    if (seen.unit !== unit || !Object.is(parsePrice(text, unit), value)) setText(priceToText(value, unit));
  }
  return (
    <div className="input-unit">
      <input
        {...control}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        value={text}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => {
          const next = parsePrice(e.target.value, unit);
          setText(e.target.value);
          setSeen({ value: next, unit });
          onChange(next);
        }}
      />
      <span className="unit" aria-hidden="true">
        {t(unit === "manwon" ? "units.manwon" : "units.won")}
      </span>
    </div>
  );
}
