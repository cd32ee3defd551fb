import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api";
import type { ConditionReport } from "../../../bindings/ConditionReport";
import { CheckField, SelectField, TextField } from "../../../components/Field";
import { FormActions, FormError } from "../../../forms/FormParts";
import { useDraftForm } from "../../../forms/useDraftForm";
import { keys } from "../../../queries";
import { checkDraft, toggleMark, type ConditionDraft } from "./draft";
import { Diagram } from "./Diagram";
import { ItemsEditor } from "./ItemsEditor";
import type { Labels } from "./labels";
import { markFromKey, PanelEditor } from "./PanelEditor";
import { Summary } from "./Summary";
import { usePreview } from "./usePreview";
import { DateField } from "../../../components/DatePicker";

const FIELDS = new Set(["inspected_on", "inspector", "odometer_km", "comment"]);

type Props = {
  initial: ConditionDraft;
  labels: Labels;
  onSaved: (r: ConditionReport) => void;
  onCancel: () => void;
};

/** The whole report on one page: diagram and the chosen panel side by side, then basics, items, comment. */
export function ConditionEditor({ initial, labels, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [selected, setSelected] = useState("front_door_l");
  const { formRef, draft, set, err, submit, saving, formError } = useDraftForm({
    initial,
    fields: FIELDS,
    fieldOf: (key: keyof ConditionDraft) => key,
    check: checkDraft,
    save: api.saveCondition,
    onSaved: (saved: ConditionReport) => {
      void qc.invalidateQueries({ queryKey: keys.conditions(saved.input.vehicle_id) });
      onSaved(saved);
    },
  });
  // The picture depends on the marks only; the odometer as typed does not matter to it.
  const preview = usePreview({ ...draft, odometer_km: 0 }, selected);

  // Anywhere on the page (a click on the diagram leaves focus on the page), except while typing.
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    const mark = markFromKey(e);
    if (!mark || e.defaultPrevented) return;
    e.preventDefault();
    set("panels", toggleMark(draft.panels, selected, mark));
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);
  const select = <K extends "odometer_state" | "vin_check" | "tuning" | "flood" | "use_history" | "recall">(
    name: K,
    label: string,
    values: ConditionDraft[K][],
    prefix: string,
  ) => (
    <SelectField
      name={name}
      label={label}
      value={draft[name]}
      options={values.map((v) => ({ value: v, label: t(`condition.${prefix}.${v}` as never) }))}
      onChange={(v) => set(name, v)}
    />
  );

  return (
    <form ref={formRef} className="form condition-form" onSubmit={submit} noValidate data-testid="condition-form">
      <FormError message={formError} />
      {preview.data && <Summary report={preview.data} />}
      <fieldset className="condition-marking">
        <legend>{t("condition.panels")}</legend>
        <p className="muted small">{t("condition.panelsHint")}</p>
        <div className="condition-body">
          <div className="condition-diagram">
            {preview.data && <Diagram svg={preview.data.svg} label={t("condition.diagram")} onPick={setSelected} testId="condition-diagram" />}
          </div>
          <div className="condition-side">
            <PanelEditor
              vehicleId={draft.vehicle_id}
              panels={draft.panels}
              selected={selected}
              onSelect={setSelected}
              onChange={(panels) => set("panels", panels)}
              labels={labels}
            />
          </div>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("condition.basics")}</legend>
        <div className="grid">
          <DateField name="inspected_on" label={t("condition.inspected_on")} value={draft.inspected_on} error={err("inspected_on")} onChange={(v) => set("inspected_on", v)} />
          <TextField name="inspector" label={t("condition.inspector")} value={draft.inspector} error={err("inspector")} onChange={(v) => set("inspector", v)} />
          <TextField name="odometer_km" label={t("condition.odometer_km")} numeric unit="km" value={draft.odometer_km} error={err("odometer_km")} onChange={(v) => set("odometer_km", v)} />
          {select("odometer_state", t("condition.odometer_state"), ["good", "faulty"], "odometerState")}
          {select("vin_check", t("condition.vin_check"), ["good", "different", "corroded", "damaged", "altered", "painted_over"], "vinCheck")}
          {select("tuning", t("condition.tuning"), ["none", "legal", "illegal"], "tuningValue")}
          {select("flood", t("condition.floodField"), ["none", "partial", "total"], "floodValue")}
          {select("use_history", t("condition.use_history"), ["none", "rental", "business"], "useHistory")}
          {select("recall", t("condition.recall"), ["none", "pending", "done"], "recallValue")}
          <CheckField name="fire" label={t("condition.fire")} checked={draft.fire} onChange={(v) => set("fire", v)} />
          <CheckField name="color_changed" label={t("condition.color_changed")} checked={draft.color_changed} onChange={(v) => set("color_changed", v)} />
        </div>
      </fieldset>
      <ItemsEditor items={draft.items} onChange={(items) => set("items", items)} labels={labels} />
      <fieldset>
        <legend>{t("condition.comment")}</legend>
        <textarea className="condition-comment-input" rows={4} value={draft.comment} onChange={(e) => set("comment", e.target.value)} aria-invalid={Boolean(err("comment"))} data-testid="field-comment" />
        {err("comment") && (
          <p className="field-error" role="alert" data-testid="error-comment">
            {err("comment")}
          </p>
        )}
      </fieldset>
      <div className="form-actions-sticky">
        <FormActions saving={saving} onCancel={onCancel} testIdPrefix="condition" />
      </div>
    </form>
  );
}
