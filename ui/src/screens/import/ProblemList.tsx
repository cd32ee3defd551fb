// Every problem of a file at the row Excel shows and the column's header.
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
          <li key={i} data-testid="import-problem" data-row={p.row} data-column={p.column}>
            <strong>{p.column ? t("import.at", { row: p.row, column: p.column }) : t("import.atRow", { row: p.row })}</strong>{" "}
            <span lang="en">{p.message}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
