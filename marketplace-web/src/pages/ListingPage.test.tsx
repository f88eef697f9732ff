import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import type { CatalogEntry } from "../api/types";
import { KEY_ITEM, SessionProvider } from "../auth/session";
import { fakeFetch, json, problem } from "../test/fakes";
import { DEVELOPER, TEAM } from "../test/plans";
import { feedbackText, ListingPage, mutationText } from "./ListingPage";

const v = (version: string, more: Partial<CatalogEntry> = {}): CatalogEntry => ({
  kind: "template", id: "T.Svc", version, name: "Service template", category: "service", model: "java-module/1",
  description: "A service. 1.1.0: events. 1.2.0: mutation testing.", files: 40, contentHash: "sha256:x", usable: true, ...more,
});
const verification = {
  templateRef: "T.Svc@1.2.0", contentHash: "sha256:x", passed: true, problems: [], renderMs: 70, governance: "Allow", testsRun: 243,
  testsPassed: 233, testsFailed: 0, testsSkipped: 10, buildMs: 40000, factoryVersion: "0.1.0", verifiedAt: "2026-11-29T08:00:00Z",
  mutation: { mutants: 1200, killed: 1100, note: "" },
  modules: [{ module: "catalog", files: 93, lines: 12000, governance: "Allow", build: "passed", testsRun: 243, testsPassed: 233, testsFailed: 0, testsSkipped: 10, buildMs: 40000 }],
};

function mount(routes: Parameters<typeof fakeFetch>[0], signedIn = false) {
  sessionStorage.clear();
  if (signedIn) {
    sessionStorage.setItem(KEY_ITEM, "fk.acme.k");
    sessionStorage.setItem("connectsoft.tenant", JSON.stringify({ tenantId: "acme", name: "Acme", plan: "developer" }));
  }
  const fake = fakeFetch(routes);
  render(<Router hook={memoryLocation({ path: "/catalog/T.Svc" }).hook}><SessionProvider fetchImpl={fake.fetch}><ListingPage id="T.Svc" /></SessionProvider></Router>);
  return fake;
}

describe("mutationText", () => {
  it("gives the score with one decimal and the counts, or why nothing was measured", () => {
    expect(mutationText({ mutants: 8, killed: 7, note: "" })).toBe("87.5% (7 of 8 mutants killed)");
    expect(mutationText({ mutants: 3, killed: 2, note: "" })).toBe("66.7% (2 of 3 mutants killed)");
    expect(mutationText({ mutants: 0, killed: 0, note: "module has no mutation profile" })).toBe("not measured (module has no mutation profile)");
    expect(mutationText({ mutants: 0, killed: 0, note: "" })).toBe("not measured (no mutants)");
    expect(mutationText(null)).toBe("not measured for this version");
    expect(mutationText(undefined)).toBe("not measured for this version");
  });
});

describe("feedbackText", () => {
  it("counts build failures and alerts next to how many reports came back, or says none did", () => {
    expect(feedbackText({ items: 5, buildFailures: 2, buildSuccesses: 2, alertsFired: 1, pushes: 0, lastAt: "2026-12-01T09:00:00Z" }))
      .toBe("2 build failures, 1 alert (5 reports, last 2026-12-01)");
    expect(feedbackText({ items: 1, buildFailures: 1, buildSuccesses: 0, alertsFired: 0, pushes: 0 })).toBe("1 build failure, 0 alerts (1 report)");
    expect(feedbackText({ items: 0, buildFailures: 0, buildSuccesses: 0, alertsFired: 0, pushes: 0 })).toBe("no reports from generated modules yet");
    expect(feedbackText(null)).toBe("no reports from generated modules yet");
    expect(feedbackText(undefined)).toBe("no reports from generated modules yet");
  });
});

describe("ListingPage", () => {
  it("lists every version newest first with its verified figures, or 'not verified yet', and the changelog", async () => {
    mount({ "GET /api/v1/templates/T.Svc/versions": () => json(200, { items: [v("1.1.0"), v("1.2.0", { verification }),
      v("1.0.0", { usable: false, refusal: "1.0.0 failed verification: its sample did not build" })] }) });
    const cards = await screen.findAllByRole("listitem", { name: /^Version / });
    expect(cards.map((c) => within(c).getByRole("heading").textContent)).toEqual(["Version 1.2.0", "Version 1.1.0", "Version 1.0.0 not for new runs"]);
    const verified = within(cards[0]);
    expect(verified.getByText("243 run, 233 passed, 0 failed, 10 skipped")).toBeInTheDocument();
    expect(verified.getByText("91.7% (1100 of 1200 mutants killed)")).toBeInTheDocument();
    expect(verified.getByText("Allow")).toBeInTheDocument();
    expect(verified.getByText("2026-11-29")).toHaveAttribute("dateTime", "2026-11-29T08:00:00Z");
    expect(within(cards[1]).getByText("Not verified yet.")).toBeInTheDocument();
    expect(within(cards[2]).getByText(/its sample did not build/)).toBeInTheDocument();
    const changes = screen.getByRole("heading", { name: "Changelog" }).nextElementSibling!;
    expect(within(changes as HTMLElement).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["1.2.0: mutation testing.", "1.1.0: events."]);
    expect(screen.getByText("A service.")).toBeInTheDocument();
  });

  it("says why a verification shipped with the catalog does not count for a version that changed", async () => {
    mount({ "GET /api/v1/templates/T.Svc/versions": () => json(200, { items: [
      v("1.1.0", { staleVerification: "the shipped record verified sha256:old, the version is now sha256:x" }), v("1.0.0")] }) });
    const cards = await screen.findAllByRole("listitem", { name: /^Version / });
    expect(within(cards[0]).getByText(/does not count: the shipped record verified sha256:old/)).toBeInTheDocument();
    expect(within(cards[1]).queryByText(/does not count/)).toBeNull();
  });

  it("shows each version's feedback from running modules next to its verified figures", async () => {
    const feedback = { items: 3, buildFailures: 1, buildSuccesses: 1, alertsFired: 1, pushes: 0, lastAt: "2026-12-01T09:00:00Z" };
    mount({ "GET /api/v1/templates/T.Svc/versions": () => json(200, { items: [v("1.2.0", { verification, feedback }), v("1.1.0")] }) });
    const cards = await screen.findAllByRole("listitem", { name: /^Version / });
    const newest = within(cards[0]);
    expect(newest.getByText("Feedback from running modules").nextElementSibling).toHaveTextContent("1 build failure, 1 alert (3 reports, last 2026-12-01)");
    expect(newest.getByText("91.7% (1100 of 1200 mutants killed)")).toBeInTheDocument();
    expect(within(cards[1]).getByText("no reports from generated modules yet")).toBeInTheDocument();
  });

  it("shows the API's words for an unknown item", async () => {
    mount({ "GET /api/v1/templates/T.Svc/versions": () => problem(404, "template T.Svc was not found") });
    expect(await screen.findByText("Template T.Svc was not found")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to the catalog" })).toBeInTheDocument();
  });
});

describe("ListingPage: plans and install", () => {
  const versions = { "GET /api/v1/templates/T.Svc/versions": () => json(200, { items: [v("1.2.0", { verification })] }) };
  const plans = { "GET /api/v1/plans": () => json(200, { items: [DEVELOPER, TEAM] }) };
  const runtime = { "GET /api/v1/templates/T.Svc/versions": () => json(200, { items: [v("1.0.0", { kind: "library", id: "ConnectSoft.Extensions.Runtime" })] }) };

  it("lists the plans that include the item, linked to their prices", async () => {
    mount({ ...versions, ...plans });
    const section = (await screen.findByRole("heading", { name: "Plans that include it" })).parentElement!;
    await waitFor(() => expect(within(section).getAllByRole("link").map((a) => a.textContent)).toEqual(["Developer", "Team", "Compare every plan"]));
    expect(within(section).getByRole("link", { name: "Team" })).toHaveAttribute("href", "/plans#plan-team");
  });

  it("says when no plan includes the item", async () => {
    mount({ ...versions, "GET /api/v1/plans": () => json(200, { items: [{ ...DEVELOPER, includes: [] }] }) });
    expect(await screen.findByText("No plan includes it yet.")).toBeInTheDocument();
  });

  it("signed out, offers to sign in and come back instead of installing, and asks nothing of /installs", async () => {
    const { calls } = mount({ ...versions, ...plans });
    const link = await screen.findByRole("link", { name: "Sign in to install" });
    expect(link).toHaveAttribute("href", "/sign-in?next=%2Fcatalog%2FT.Svc");
    expect(screen.queryByRole("button", { name: /Install/ })).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.includes("/installs"))).toBe(false);
  });

  it("signed in, installs into the tenant and shows the entitlement", async () => {
    const { calls } = mount({ ...versions, ...plans, "GET /api/v1/installs": () => json(200, { items: [] }),
      "POST /api/v1/installs": () => json(201, { itemId: "T.Svc", kind: "template", planId: "developer", installedAt: "2026-12-01T03:00:00Z" }) }, true);
    await userEvent.click(await screen.findByRole("button", { name: "Install into Acme" }));
    const done = await screen.findByText(/^Installed:/);
    expect(done).toHaveTextContent(/^Installed: T\.Svc \(template\) in Acme on plan developer, since /);
    const post = calls.find((c) => c.method === "POST")!;
    expect(JSON.parse(String(post.body))).toEqual({ itemId: "T.Svc" });
    expect(post.headers["X-Api-Key"]).toBe("fk.acme.k");
    expect(screen.queryByRole("button", { name: "Install into Acme" })).not.toBeInTheDocument();
  });

  it("shows the plan's refusal in the API's words and keeps the button", async () => {
    mount({ ...runtime, ...plans, "GET /api/v1/installs": () => json(200, { items: [] }),
      "POST /api/v1/installs": () => problem(402, "your plan developer does not include ConnectSoft.Extensions.Runtime; it is in plan team. "
        + "Nothing was installed; move to one of those plans to install it", { planId: "developer", plansThatInclude: ["team"] }) }, true);
    await userEvent.click(await screen.findByRole("button", { name: "Install into Acme" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Your plan developer does not include ConnectSoft.Extensions.Runtime; it is in plan team.");
    expect(screen.getByRole("link", { name: "Compare the plans" })).toHaveAttribute("href", "/plans");
    expect(screen.getByRole("button", { name: "Install into Acme" })).toBeEnabled();
    expect(screen.queryByText(/^Installed/)).not.toBeInTheDocument();
  });

  it("shows an item the tenant installed earlier as installed, with no install button", async () => {
    const { calls } = mount({ ...versions, ...plans, "GET /api/v1/installs": () => json(200, { items: [
      { itemId: "Other.Item", kind: "template", planId: "developer", installedAt: "2026-11-30T10:00:00Z" },
      { itemId: "T.Svc", kind: "template", planId: "developer", installedAt: "2026-11-30T10:00:00Z" }] }) }, true);
    expect(await screen.findByText(/^Installed already:/)).toHaveTextContent(/^Installed already: T\.Svc \(template\) in Acme on plan developer/);
    expect(screen.queryByRole("button", { name: /Install into/ })).not.toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });
});
