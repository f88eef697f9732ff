import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import type { Run } from "../api/types";
import { KEY_ITEM, SessionProvider } from "../auth/session";
import { fakeFetch, json, problem } from "../test/fakes";
import { StudioPage } from "./StudioPage";

const run = (runId: string, createdAt: string, blueprintVersion: number, status: Run["status"] = "completed"): Run => ({
  tenantId: "acme", runId, projectId: "proj-notes", productName: "Notes", blueprintId: "bp-notes", blueprintVersion, templateRef: "T@1",
  status, stages: [], modules: [], createdAt, updatedAt: createdAt,
});

function mount(routes: Parameters<typeof fakeFetch>[0]) {
  sessionStorage.setItem(KEY_ITEM, "fk.acme.k");
  sessionStorage.setItem("connectsoft.tenant", JSON.stringify({ tenantId: "acme", name: "Acme" }));
  const fake = fakeFetch(routes);
  const location = memoryLocation({ path: "/studio", record: true });
  render(<Router hook={location.hook}><SessionProvider fetchImpl={fake.fetch}><StudioPage /></SessionProvider></Router>);
  return { ...fake, location };
}

describe("StudioPage", () => {
  it("shows each project's latest run, what waits for approval, and runs its blueprint again", async () => {
    const { calls, location } = mount({
      "GET /api/v1/projects": () => json(200, { items: [{ tenantId: "acme", projectId: "proj-notes", name: "Notes", createdAt: "", updatedAt: "2026-11-30T20:00:00Z" },
        { tenantId: "acme", projectId: "proj-empty", name: "Empty", createdAt: "", updatedAt: "2026-11-30T20:00:00Z" }] }),
      "GET /api/v1/runs": () => json(200, { items: [run("run-old", "2026-11-30T10:00:00Z", 1), run("run-new", "2026-11-30T12:00:00Z", 2, "waiting-for-approval")] }),
      "POST /api/v1/runs": () => json(202, { runId: "run-next", status: "running" }),
      "GET /api/v1/installs": () => json(200, { items: [] }),
    });
    expect(await screen.findByRole("link", { name: "run-new" })).toBeInTheDocument();
    expect(screen.getByText(/2 runs; latest/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "1 run is waiting for your approval" })).toHaveAttribute("href", "/studio/approvals");
    expect(screen.getByText("No runs yet.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Run bp-notes v2 again" }));
    await waitFor(() => expect(location.history?.at(-1)).toBe("/studio/runs/run-next"));
    expect(JSON.parse(String(calls.at(-1)!.body))).toEqual({ blueprintId: "bp-notes", version: 2 });
  });

  it("invites a first upload when there are no projects, and a first install when nothing is installed", async () => {
    mount({ "GET /api/v1/projects": () => json(200, { items: [] }), "GET /api/v1/runs": () => json(200, { items: [] }),
      "GET /api/v1/installs": () => json(200, { items: [] }) });
    expect(await screen.findByText(/No projects yet/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "upload one" })).toHaveAttribute("href", "/studio/new");
    expect(await screen.findByText(/Nothing installed yet/)).toBeInTheDocument();
  });

  it("lists the tenant's installed items with their kind and plan, each linked to its listing", async () => {
    mount({ "GET /api/v1/projects": () => json(200, { items: [] }), "GET /api/v1/runs": () => json(200, { items: [] }),
      "GET /api/v1/installs": () => json(200, { items: [
        { itemId: "ConnectSoft.Template.FunctionsMicroservice", kind: "template", planId: "developer", installedAt: "2026-12-01T03:00:00Z" }] }) });
    const section = (await screen.findByRole("heading", { name: "Installed" })).parentElement!;
    const link = await within(section).findByRole("link", { name: "ConnectSoft.Template.FunctionsMicroservice" });
    expect(link).toHaveAttribute("href", "/catalog/ConnectSoft.Template.FunctionsMicroservice");
    expect(within(section).getByText(/template · plan developer/)).toBeInTheDocument();
  });

  it("shows why the installed items cannot be read, and still shows the projects", async () => {
    mount({ "GET /api/v1/projects": () => json(200, { items: [] }), "GET /api/v1/runs": () => json(200, { items: [] }),
      "GET /api/v1/installs": () => problem(503, "the factory is busy") });
    expect(await screen.findByText("The factory is busy")).toBeInTheDocument();
    expect(screen.getByText(/No projects yet/)).toBeInTheDocument();
  });
});
