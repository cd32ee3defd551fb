import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../api";
import type { ConditionInput } from "../../../bindings/ConditionInput";
import { useLang } from "../../../i18n";

/**
 * The summary and diagram of a report (saved or being edited), computed by
 * the core. Keyed on what they depend on, so typing a comment costs nothing;
 * the previous picture stays up while the next is made.
 */
export function usePreview(input: ConditionInput | null, selected: string | null) {
  const lang = useLang();
  const marks = input?.panels.map((p) => `${p.panel}:${p.marks.join("")}`) ?? [];
  return useQuery({
    queryKey: ["condition_preview", lang, selected, marks, input?.flood, input?.fire],
    queryFn: () => {
      if (!input) throw new Error("no report to preview");
      return api.previewCondition(input, lang, selected);
    },
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
