import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { initI18n } from "../i18n";
import type { Lang } from "../i18n/lang";
import { makeQueryClient } from "../queryClient";

export function renderWithProviders(ui: ReactElement, { lang = "ko" as Lang, client = makeQueryClient() } = {}) {
  initI18n(lang);
  const result = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
  return { ...result, client: client as QueryClient };
}
