import { QueryClient } from "@tanstack/react-query";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Local data: a failure will not fix itself by retrying, and the window
      // regaining focus is no reason to reload. Errors show with a retry button.
      // Unused results go after a minute, not five: reading them again from
      // the local store is instant, and a composed email (its HTML and the
      // diagrams as data URLs) need not linger in the web process.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000, gcTime: 60_000 },
      mutations: { retry: false },
    },
  });
}
