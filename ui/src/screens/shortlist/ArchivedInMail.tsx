// The e-mail names photos archived in this computer's backup location (a
// sold car's, issue 20): never sent without them. Says so and offers to
// bring them back, then composes again.
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { ComposeVehicle } from "../../bindings/ComposeVehicle";
import { useErrorText } from "../../errors";
import { newJobId } from "../import/importText";

type Props = { vehicles: ComposeVehicle[]; message: string; onBack: () => void };

export function ArchivedInMail({ vehicles, message, onBack }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);

  const bringBack = async () => {
    setProblems([]);
    setFailure(null);
    const found: string[] = [];
    try {
      for (const v of vehicles) {
        setBusy({ done: 0, total: 0 });
        const r = await api.unarchiveVehicle(v.vehicle_id, newJobId(), (p) => setBusy({ done: p.done, total: p.total }));
        found.push(...r.problems);
        void qc.invalidateQueries({ queryKey: ["archived_photos", v.vehicle_id] });
      }
    } catch (e) {
      setFailure(e);
    }
    setBusy(null);
    setProblems(found);
    if (found.length === 0) onBack();
  };

  return (
    <div className="banner banner-error" role="alert" data-testid="composer-archived">
      <p>{message}</p>
      {busy ? (
        <p aria-live="polite">{t("gallery.bringingBack", busy)}</p>
      ) : (
        <button type="button" className="btn btn-small btn-primary" onClick={() => void bringBack()} data-testid="composer-bring-back">
          {t("gallery.bringBack")}
        </button>
      )}
      {problems.length > 0 && (
        <p>
          {t("gallery.bringBackProblems")} {problems.join("; ")}
        </p>
      )}
      {failure !== null && <p>{errorText(failure)}</p>}
    </div>
  );
}
