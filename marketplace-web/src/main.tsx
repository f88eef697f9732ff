import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadRuntimeConfig } from "./api/runtimeConfig";
import { SessionProvider } from "./auth/session";
import "./styles.css";

const root = createRoot(document.getElementById("root")!);
loadRuntimeConfig().then(
  (config) => root.render(
    <StrictMode>
      <SessionProvider baseUrl={config.apiBaseUrl}>
        <App />
      </SessionProvider>
    </StrictMode>,
  ),
  (error: Error) => root.render(<main className="bar"><h1>This deployment is misconfigured</h1><p role="alert" className="error">{error.message}</p></main>),
);
