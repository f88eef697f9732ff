import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { SignInPage } from "../pages/SignInPage";
import { fakeFetch, json, problem } from "../test/fakes";
import { EntraSession, parseSignInConfig, type MsalAccount, type MsalApp, type SignInConfig } from "./entra";
import { SessionProvider, useSession, type Session } from "./session";

const ENTRA: Extract<SignInConfig, { signIn: "entra" }> = { signIn: "entra", apiKeys: true, clientId: "11111111-2222-3333-4444-555555555555",
  authority: "https://login.microsoftonline.com/organizations", scopes: ["api://aaaa/.default"] };
const ALICE: MsalAccount = { homeAccountId: "alice.tid", username: "alice@contoso.example" };

/** MSAL at its boundary: what a PublicClientApplication would answer, recording what the app asked of it. */
function fakeMsal(opts: { back?: MsalAccount; accounts?: MsalAccount[]; silent?: () => Promise<{ accessToken: string }> } = {}) {
  let active: MsalAccount | null = null;
  const app: MsalApp = {
    initialize: vi.fn(async () => {}),
    handleRedirectPromise: vi.fn(async () => (opts.back ? { account: opts.back, accessToken: "t0" } : null)),
    getAllAccounts: () => opts.accounts ?? [],
    setActiveAccount: (a) => { active = a; },
    getActiveAccount: () => active,
    loginRedirect: vi.fn(async () => {}),
    acquireTokenSilent: vi.fn(opts.silent ?? (async () => ({ accessToken: "eyJ.alice.token" }))),
    acquireTokenRedirect: vi.fn(async () => {}),
    logoutRedirect: vi.fn(async () => {}),
  };
  const factory = vi.fn(async (_config: Extract<SignInConfig, { signIn: "entra" }>) => app);
  return { app, factory };
}

describe("sign-in config", () => {
  it("is API keys only unless the factory publishes a complete Entra ID config", () => {
    expect(parseSignInConfig({ signIn: "api-key", apiKeys: true }).signIn).toBe("api-key");
    expect(parseSignInConfig(ENTRA)).toEqual(ENTRA);
    expect(parseSignInConfig({ ...ENTRA, scopes: [] }).signIn).toBe("api-key");
    expect(parseSignInConfig({ ...ENTRA, authority: "http://login.example" }).signIn).toBe("api-key");
    expect(parseSignInConfig({ ...ENTRA, clientId: 7 }).signIn).toBe("api-key");
    expect(parseSignInConfig("not json").signIn).toBe("api-key");
  });

  it("offers only the API key form when the factory says api-key, and Entra ID first when it says entra", async () => {
    sessionStorage.clear();
    const local = fakeFetch({ "GET /api/v1/auth/config": () => json(200, { signIn: "api-key", apiKeys: true }) });
    const { unmount } = render(<Router hook={memoryLocation({ path: "/sign-in" }).hook}>
      <SessionProvider fetchImpl={local.fetch} msalFactory={fakeMsal().factory}><SignInPage /></SessionProvider></Router>);
    await waitFor(() => expect(local.calls.map((c) => c.url)).toContain("/api/v1/auth/config"));
    expect(screen.getByLabelText("API key")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Sign in with Microsoft Entra ID" })).toBeNull();
    unmount();

    const msal = fakeMsal();
    const azure = fakeFetch({ "GET /api/v1/auth/config": () => json(200, ENTRA) });
    render(<Router hook={memoryLocation({ path: "/sign-in" }).hook}>
      <SessionProvider fetchImpl={azure.fetch} msalFactory={msal.factory}><SignInPage next="/studio/runs" /></SessionProvider></Router>);
    await userEvent.click(await screen.findByRole("button", { name: "Sign in with Microsoft Entra ID" }));
    expect(msal.factory).toHaveBeenCalledWith(ENTRA);
    expect(msal.app.loginRedirect).toHaveBeenCalledWith({ scopes: ["api://aaaa/.default"], redirectStartPage: `${window.location.origin}/studio/runs` });
    expect(screen.getByLabelText("API key")).toBeInTheDocument();
  });
});

describe("Entra ID token path", () => {
  function capture(fetchImpl: typeof fetch, factory: ReturnType<typeof fakeMsal>["factory"]) {
    const box: { session?: Session } = {};
    function Probe() {
      box.session = useSession();
      return <p>{box.session.tenant ? `signed in as ${box.session.tenant.tenantId}` : "signed out"}</p>;
    }
    render(<SessionProvider fetchImpl={fetchImpl} msalFactory={factory}><Probe /></SessionProvider>);
    return box;
  }

  it("back from Entra ID, the account's access token signs the tenant in as Bearer, never as an API key or in a URL", async () => {
    sessionStorage.clear();
    sessionStorage.setItem("msal.interaction.status", "x");
    const msal = fakeMsal({ back: ALICE });
    const { fetch, calls } = fakeFetch({
      "GET /api/v1/auth/config": () => json(200, ENTRA),
      "GET /api/v1/tenant": (c) => c.headers.Authorization === "Bearer eyJ.alice.token" ? json(200, { tenantId: "acme", name: "Acme" })
        : problem(401, "no credential"),
      "GET /api/v1/runs": () => json(200, { items: [] }),
    });
    const box = capture(fetch, msal.factory);
    expect(await screen.findByText("signed in as acme")).toBeInTheDocument();
    await act(() => box.session!.client.runs());
    const runs = calls.find((c) => c.url === "/api/v1/runs")!;
    expect(runs.headers.Authorization).toBe("Bearer eyJ.alice.token");
    expect(runs.headers["X-Api-Key"]).toBeUndefined();
    expect(calls.every((c) => !c.url.includes("eyJ"))).toBe(true);
    expect(msal.app.acquireTokenSilent).toHaveBeenCalledWith({ scopes: ENTRA.scopes, account: ALICE });
    act(() => box.session!.signOut());
    expect(screen.getByText("signed out")).toBeInTheDocument();
    expect(msal.app.logoutRedirect).toHaveBeenCalledWith({ account: ALICE });
    sessionStorage.clear();
  });

  it("a token MSAL cannot renew silently is renewed by redirect, and nothing is sent without one", async () => {
    const msal = fakeMsal({ accounts: [ALICE], silent: async () => { throw Object.assign(new Error("expired"), { name: "InteractionRequiredAuthError" }); } });
    const session = await EntraSession.start(ENTRA, msal.factory);
    expect(session.account).toEqual(ALICE);
    expect(await session.token()).toBeUndefined();
    expect(msal.app.acquireTokenRedirect).toHaveBeenCalledWith({ scopes: ENTRA.scopes, account: ALICE });
    const broken = fakeMsal({ accounts: [ALICE], silent: async () => { throw Object.assign(new Error("network"), { errorCode: "network_error" }); } });
    await expect((await EntraSession.start(ENTRA, broken.factory)).token()).rejects.toThrow("network");
    const nobody = fakeMsal();
    expect(await (await EntraSession.start(ENTRA, nobody.factory)).token()).toBeUndefined();
    expect(nobody.app.acquireTokenSilent).not.toHaveBeenCalled();
  });

  it("without MSAL state the app asks for no sign-in config until the sign-in page does (locally: API keys only)", async () => {
    sessionStorage.clear();
    const msal = fakeMsal();
    const { fetch, calls } = fakeFetch({ "GET /api/v1/auth/config": () => json(200, ENTRA) });
    const box = capture(fetch, msal.factory);
    await act(async () => {});
    expect(calls).toHaveLength(0);
    expect(box.session!.signInConfig).toBeUndefined();
  });
});
