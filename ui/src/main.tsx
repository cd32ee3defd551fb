import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { CrashNotice } from "./components/CrashNotice";
import { StoreGate } from "./components/StoreGate";
import { WelcomeGate } from "./screens/welcome/WelcomeGate";
import { initI18n } from "./i18n";
import { markScriptStart } from "./paintMark";
import { makeQueryClient } from "./queryClient";
import { releaseRemovedImages } from "./releaseImages";
import "./styles.css";
import "./screens/inventory/condition/condition.css";

markScriptStart();
initI18n();
// Removed images free their decoded pixels at once, not at the next GC.
releaseRemovedImages();
const queryClient = makeQueryClient();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <StoreGate>
          <WelcomeGate>
            {(start) => (
              <>
                <App start={start} />
                <CrashNotice />
              </>
            )}
          </WelcomeGate>
        </StoreGate>
      </QueryClientProvider>
    </StrictMode>,
  );
}
