import { act, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { fakeFetch, json, problem } from "../test/fakes";
import { KEY_ITEM, SessionProvider, useSession, type Session } from "./session";

function capture(fetchImpl: typeof fetch) {
  const box: { session?: Session } = {};
  function Probe() {
    box.session = useSession();
    return <p>{box.session.tenant ? `signed in as ${box.session.tenant.tenantId}` : "signed out"}</p>;
  }
  render(<SessionProvider fetchImpl={fetchImpl}><Probe /></SessionProvider>);
  return box;
}

describe("session", () => {
  it("keeps a key the factory accepted in session storage only, and forgets it on sign-out", async () => {
    sessionStorage.clear();
    localStorage.clear();
    const { fetch } = fakeFetch({ "GET /api/v1/tenant": () => json(200, { tenantId: "acme", name: "Acme" }) });
    const box = capture(fetch);
    await act(() => box.session!.signIn("  fk.acme.k  "));
    expect(screen.getByText("signed in as acme")).toBeInTheDocument();
    expect(sessionStorage.getItem(KEY_ITEM)).toBe("fk.acme.k");
    expect(localStorage.length).toBe(0);
    expect(window.location.href).not.toContain("fk.acme");
    act(() => box.session!.signOut());
    expect(screen.getByText("signed out")).toBeInTheDocument();
    expect(sessionStorage.length).toBe(0);
  });

  it("keeps nothing when the factory refuses the key", async () => {
    sessionStorage.clear();
    const { fetch } = fakeFetch({ "GET /api/v1/tenant": () => problem(401, "the API key is not valid") });
    const box = capture(fetch);
    await expect(box.session!.signIn("fk.acme.wrong")).rejects.toMatchObject({ status: 401, title: "the API key is not valid" });
    expect(sessionStorage.getItem(KEY_ITEM)).toBeNull();
    expect(screen.getByText("signed out")).toBeInTheDocument();
  });
});

describe("a key the factory stops accepting", () => {
  it("offers to sign in again, which forgets the key and shows the sign-in form on the same page", async () => {
    const { ErrorNote } = await import("../components/ui");
    const { ApiError } = await import("../api/client");
    const { Router } = await import("wouter");
    const { memoryLocation } = await import("wouter/memory-location");
    const { SignedIn } = await import("../App");
    sessionStorage.clear();
    sessionStorage.setItem(KEY_ITEM, "fk.acme.revoked");
    sessionStorage.setItem("connectsoft.tenant", JSON.stringify({ tenantId: "acme", name: "Acme" }));
    const expired = new ApiError(401, "the API key was revoked at 2026-11-30T10:00:00Z; create a new one", undefined);
    const { fetch } = fakeFetch({});
    render(<Router hook={memoryLocation({ path: "/studio/usage" }).hook}><SessionProvider fetchImpl={fetch}>
      <SignedIn><ErrorNote error={expired} /></SignedIn></SessionProvider></Router>);
    expect(screen.getByText(/The API key was revoked/)).toBeInTheDocument();
    act(() => screen.getByRole("button", { name: "Sign in again" }).click());
    expect(sessionStorage.getItem(KEY_ITEM)).toBeNull();
    expect(screen.getByLabelText("API key")).toBeInTheDocument();
  });
});

describe("a deployment whose API is on another origin", () => {
  it("sends every call to the origin config.json named", async () => {
    sessionStorage.clear();
    const { fetch, calls } = fakeFetch({ "GET https://factory-fn.azurewebsites.net/api/v1/tenant": () => json(200, { tenantId: "acme", name: "Acme" }) });
    const box: { session?: Session } = {};
    function Probe() {
      box.session = useSession();
      return null;
    }
    render(<SessionProvider fetchImpl={fetch} baseUrl="https://factory-fn.azurewebsites.net"><Probe /></SessionProvider>);
    await act(() => box.session!.signIn("fk.acme.k"));
    expect(calls.map((c) => c.url)).toEqual(["https://factory-fn.azurewebsites.net/api/v1/tenant"]);
  });
});
