import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { KEY_ITEM, SessionProvider } from "../auth/session";
import { fakeFetch, json, problem } from "../test/fakes";
import { DEVELOPER, TEAM } from "../test/plans";
import { PlansPage } from "./PlansPage";

function mount(routes: Parameters<typeof fakeFetch>[0], signedInOn?: string) {
  sessionStorage.clear();
  if (signedInOn) {
    sessionStorage.setItem(KEY_ITEM, "fk.acme.k");
    sessionStorage.setItem("connectsoft.tenant", JSON.stringify({ tenantId: "acme", name: "Acme", plan: signedInOn }));
  }
  const fake = fakeFetch(routes);
  render(<Router hook={memoryLocation({ path: "/plans" }).hook}><SessionProvider fetchImpl={fake.fetch}><PlansPage /></SessionProvider></Router>);
  return fake;
}

const catalog = { items: [{ kind: "template", id: "T.Svc", version: "1.0.0", name: "Service template", category: "service", model: "m",
  description: "", files: 1, contentHash: "h", usable: true }] };

describe("PlansPage", () => {
  it("shows each plan's fee, included quantity and price per meter, quotas, and the items it includes as catalog links", async () => {
    const { calls } = mount({ "GET /api/v1/plans": () => json(200, { items: [DEVELOPER, TEAM] }), "GET /api/v1/templates": () => json(200, catalog) });
    const team = await screen.findByRole("listitem", { name: "Team" });
    const t = within(team);
    expect(t.getByText("$49.00 a month")).toBeInTheDocument();
    const rows = t.getAllByRole("row").slice(1).map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent));
    expect(rows).toEqual([
      ["Runs", "300 runs", "$0.40 per run"],
      ["Build time", "5,000 minutes", "$0.008 per minute"],
      ["Agent tokens", "10,000,000 tokens", "$0.002 per 1,000 tokens"],
      ["Storage", "50 GiB", "$0.05 per GiB"],
    ]);
    expect(t.getByText("Agent tokens a month").nextElementSibling).toHaveTextContent("no limit");
    expect(t.getByText("Runs a month").nextElementSibling).toHaveTextContent("3,000 runs");
    expect(t.getByRole("link", { name: "Service template" })).toHaveAttribute("href", "/catalog/T.Svc");
    expect(t.getByRole("link", { name: "ConnectSoft.Extensions.Runtime" })).toHaveAttribute("href", "/catalog/ConnectSoft.Extensions.Runtime");
    const dev = within(screen.getByRole("listitem", { name: "Developer" }));
    expect(dev.getByText("Free")).toBeInTheDocument();
    expect(dev.queryByRole("link", { name: "ConnectSoft.Extensions.Runtime" })).not.toBeInTheDocument();
    expect(dev.getAllByText("no charge")).toHaveLength(2);
    expect(screen.queryByText("your plan")).not.toBeInTheDocument();
    expect(calls.every((c) => c.headers["X-Api-Key"] === undefined)).toBe(true);
  });

  it("marks the signed-in tenant's plan", async () => {
    mount({ "GET /api/v1/plans": () => json(200, { items: [DEVELOPER, TEAM] }), "GET /api/v1/templates": () => json(200, catalog) }, "team");
    const team = await screen.findByRole("listitem", { name: /^Team/ });
    expect(within(team).getByText("your plan")).toBeInTheDocument();
    expect(within(screen.getByRole("listitem", { name: "Developer" })).queryByText("your plan")).not.toBeInTheDocument();
  });

  it("still lists the plans when the catalog cannot be read (items by id), and says why when the plans cannot", async () => {
    mount({ "GET /api/v1/plans": () => json(200, { items: [DEVELOPER] }), "GET /api/v1/templates": () => problem(503, "the factory is busy") });
    expect(await screen.findByRole("link", { name: "T.Svc" })).toHaveAttribute("href", "/catalog/T.Svc");
  });

  it("shows the API's words when the plans cannot be read, and an empty state when there are none", async () => {
    mount({ "GET /api/v1/plans": () => problem(503, "the factory is busy"), "GET /api/v1/templates": () => json(200, catalog) });
    expect(await screen.findByText("The factory is busy")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("says so when no plan is published", async () => {
    mount({ "GET /api/v1/plans": () => json(200, { items: [] }), "GET /api/v1/templates": () => json(200, catalog) });
    expect(await screen.findByText("No plans are published yet.")).toBeInTheDocument();
  });
});
