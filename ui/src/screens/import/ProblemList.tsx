// Every problem of a file at the row Excel shows and the column's header,
// worded in the reader's language from its code (`src/sheets/problem.rs`).
import { useTranslation } from "react-i18next";
import type { CsvProblem } from "../../bindings/CsvProblem";

export function ProblemList({ problems }: { problems: CsvProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <div className="import-problems" data-testid="import-problems">
      <h2>{t("import.problems", { count: problems.length })}</h2>
      <p className="muted">{t("import.problemsHint")}</p>
      <ul>
        {problems.map((p, i) => (
          <li key={i} data-testid="import-problem" data-row={p.row} data-column={p.column} data-code={p.code}>
            <strong>{p.column ? t("import.at", { row: p.row, column: p.column }) : t("import.atRow", { row: p.row })}</strong>{" "}
            <span>{t(`import.problem.${p.code}`, { ...p.params, defaultValue: p.message })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
