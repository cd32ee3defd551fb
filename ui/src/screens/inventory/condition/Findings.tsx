// What a report says beyond its marks: the basics in words, and the items
// that need attention (shown on the vehicle page and in print).
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ConditionInput } from "../../../bindings/ConditionInput";
import type { Disclosure } from "../../../bindings/Disclosure";
import { formatMileage } from "../../../format";
import { isItem, itemText } from "./disclosures";
import type { Labels } from "./labels";

// `TFunction`, not `ReturnType<typeof useTranslation>["t"]`: that type spans every namespace
// and costs TypeScript millions of instantiations (TS2589 once the catalogue grew).
export function basicsRows(input: ConditionInput, t: TFunction): [string, string][] {
  const yesNo = (b: boolean) => (b ? t("condition.yes") : t("condition.no"));
  return [
    [t("condition.odometer_km"), formatMileage(input.odometer_km)],
    [t("condition.odometer_state"), t(`condition.odometerState.${input.odometer_state}`)],
    [t("condition.vin_check"), t(`condition.vinCheck.${input.vin_check}`)],
    [t("condition.tuning"), t(`condition.tuningValue.${input.tuning}`)],
    [t("condition.floodField"), t(`condition.floodValue.${input.flood}`)],
    [t("condition.fire"), yesNo(input.fire)],
    [t("condition.use_history"), t(`condition.useHistory.${input.use_history}`)],
    [t("condition.color_changed"), yesNo(input.color_changed)],
    [t("condition.recall"), t(`condition.recallValue.${input.recall}`)],
  ];
}

export function Basics({ input }: { input: ConditionInput }) {
  const { t } = useTranslation();
  return (
    <dl className="facts facts-compact" data-testid="condition-basics">
      {basicsRows(input, t).map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Items not in their best state and worn tyres, from the core's disclosures. */
export function Attention({ disclosures, labels }: { disclosures: Disclosure[]; labels: Labels }) {
  const { t } = useTranslation();
  const lines = disclosures.filter(isItem).map((d) => itemText(d, t, labels));
  return (
    <div className="condition-attention" data-testid="condition-attention">
      <h3>{t("condition.attention")}</h3>
      {lines.length === 0 ? (
        <p className="muted">{t("condition.allFine")}</p>
      ) : (
        <ul>
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
