import { useTranslation } from "react-i18next";
import type { ItemState } from "../../../bindings/ItemState";
import { itemValue, withItem } from "./draft";
import type { Labels } from "./labels";

type Props = { items: ItemState[]; onChange: (items: ItemState[]) => void; labels: Labels };

/** The mechanical sections as rows of state buttons (radio groups), then the four tyres. */
export function ItemsEditor({ items, onChange, labels }: Props) {
  const { t } = useTranslation();
  const { catalog } = labels;
  const allFine = () => {
    let next = items;
    for (const it of catalog.items) {
      if (itemValue({ items: next }, it.key) === "") next = withItem(next, it.key, labels.codes(it.states)[0] ?? "");
    }
    onChange(next);
  };
  return (
    <fieldset className="items-editor" data-testid="items-editor">
      <legend>{t("condition.mechanical")}</legend>
      <button type="button" className="btn btn-small" onClick={allFine} data-testid="items-all-fine">
        {t("condition.restFine")}
      </button>
      {catalog.sections.map((s) => (
        <div key={s.key} className="item-section">
          <h3>{labels.section(s.key)}</h3>
          {catalog.items
            .filter((i) => i.section === s.key)
            .map((i) => {
              const value = itemValue({ items }, i.key);
              return (
                <div key={i.key} className="item-row" role="radiogroup" aria-label={labels.part(i.key)} data-testid={`item-${i.key}`}>
                  <span className="item-name">{labels.part(i.key)}</span>
                  <span className="item-states">
                    {labels.codes(i.states).map((code, n) => (
                      <label key={code} className={`item-state${value === code ? " is-on" : ""}${n > 0 ? " is-fault" : ""}`}>
                        <input
                          type="radio"
                          name={i.key}
                          checked={value === code}
                          onChange={() => onChange(withItem(items, i.key, code))}
                          onClick={() => value === code && onChange(withItem(items, i.key, ""))}
                        />
                        {labels.state(i.key, code)}
                      </label>
                    ))}
                  </span>
                </div>
              );
            })}
        </div>
      ))}
      <div className="item-section">
        <h3>{t("condition.tyres")}</h3>
        <div className="tyre-grid">
          {catalog.tyres.map((ty) => (
            <label key={ty.key} className="field">
              <span>{labels.part(`tyre.${ty.key}`)}</span>
              <input
                inputMode="decimal"
                value={itemValue({ items }, `tyre.${ty.key}`)}
                onChange={(e) => onChange(withItem(items, `tyre.${ty.key}`, e.target.value.replace(/[^\d.]/g, "")))}
                data-testid={`tyre-${ty.key}`}
              />
            </label>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
