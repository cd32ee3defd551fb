import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api";
import type { Route } from "../../navigation";
import { Welcome } from "./Welcome";

export const welcomeKey = ["welcome"] as const;

/**
 * The first run on a data folder the app created shows the welcome instead
 * of the app; the choice made there decides where the app opens. Folders
 * filled otherwise (the demo, tests) go straight to the app. A store that
 * does not open is left to the StoreGate around this.
 */
export function WelcomeGate({ children }: { children: (start: Route | undefined) => ReactNode }) {
  const status = useQuery({ queryKey: welcomeKey, queryFn: api.welcomeStatus });
  const [start, setStart] = useState<Route | undefined>(undefined);
  if (status.isPending) return null;
  if (status.data?.pending) return <Welcome onDone={setStart} />;
  return (
    <>
      {children(start)}
      {status.data?.sample && <SampleBanner />}
    </>
  );
}

/** Always on screen in the sample folder, so no one takes it for the real data. */
function SampleBanner() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const leave = useMutation({ mutationFn: api.leaveSample, onSettled: () => void qc.invalidateQueries() });
  return (
    <div className="sample-banner" role="status" data-testid="sample-banner">
      <span>{t("welcome.sampleBanner")}</span>
      <button type="button" className="btn" disabled={leave.isPending} onClick={() => leave.mutate()} data-testid="leave-sample">
        {t("welcome.leaveSample")}
      </button>
    </div>
  );
}
