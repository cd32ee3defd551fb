// "Save as Excel / CSV" for one kind of record: the OS save dialog, then the core writes the file.
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../api";
import type { Export } from "../bindings/Export";
import { useErrorText } from "../errors";
import { todayDate } from "../time";

type Saved = { rows: number; path: string } | null;

export function ExportButtons({ kind, today }: { kind: Export; today?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // The team's date, as the core names files (time.rs file_date).
  const date = today ?? todayDate();
  const run = useMutation({
    mutationFn: async (ext: "xlsx" | "csv"): Promise<Saved> => {
      const name = `${t(`exports.kind.${kind}`)} ${date}.${ext}`;
      const path = await api.pickSavePath(name, ext, t(`exports.filter.${ext}`));
      if (!path) return null;
      const rows = await api.exportSheet(kind, path);
      return { rows, path };
    },
  });
  return (
    <div className="export-buttons" data-testid={`export-${kind}`}>
      <span className="muted">{t("exports.label", { what: t(`exports.kind.${kind}`) })}</span>
      <button type="button" className="btn" disabled={run.isPending} onClick={() => run.mutate("xlsx")} data-testid={`export-${kind}-xlsx`}>
        {t("exports.xlsx")}
      </button>
      <button type="button" className="btn" disabled={run.isPending} onClick={() => run.mutate("csv")} data-testid={`export-${kind}-csv`}>
        {t("exports.csv")}
      </button>
      {run.isSuccess && run.data && (
        <span className="export-saved" role="status" data-testid={`export-${kind}-saved`}>
          {t("exports.saved", { count: run.data.rows, path: run.data.path })}
        </span>
      )}
      {run.isError && (
        <span className="field-error" role="alert" data-testid={`export-${kind}-error`}>
          {errorText(run.error)}
        </span>
      )}
    </div>
  );
}
