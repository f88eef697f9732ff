import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import type { Run } from "../api/types";
import { KEY_ITEM, SessionProvider } from "../auth/session";
import { fakeFetch, json, problem } from "../test/fakes";
import { RunPage, lineageColumns } from "./RunPage";

const base: Run = {
  tenantId: "acme", runId: "run-1", projectId: "proj-notes", productName: "Notes", blueprintId: "bp-notes", blueprintVersion: 1,
  templateRef: "T@1.4.2", status: "running", createdAt: "2026-11-30T20:00:00Z", updatedAt: "2026-11-30T20:00:01Z",
  stages: [{ name: "intake", status: "completed", startedAt: "", endedAt: "", durationMs: 0, detail: "blueprint bp-notes@1" }],
  modules: [{ moduleId: "module-notes", name: "notes", render: "pending", files: 0, lines: 0, governance: "pending", governanceReasons: [],
    build: "pending", testsRun: 0, testsPassed: 0, testsFailed: 0, buildMs: 0 }],
};
const done: Run = {
  ...base, status: "completed", updatedAt: "2026-11-30T20:01:00Z", commitId: "4029a02d4bd7aa", branch: "factory/run-1",
  stages: [...base.stages, { name: "render", status: "completed", startedAt: "", endedAt: "", durationMs: 800, detail: "93 files" },
    { name: "publish", status: "completed", startedAt: "", endedAt: "", durationMs: 700, detail: "commit 4029a02d4bd7" }],
  modules: [{ ...base.modules[0], render: "rendered", files: 93, governance: "Allow", build: "passed", testsRun: 243, testsPassed: 233 }],
};
const artifacts = [
  { tenantId: "acme", artifactId: "art-c", artifactType: "Commit", name: "factory/run-1", inputArtifactIds: ["art-m"] },
  { tenantId: "acme", artifactId: "art-b", artifactType: "Blueprint", name: "notes.blueprint.yaml", inputArtifactIds: [] },
  { tenantId: "acme", artifactId: "art-m", artifactType: "ModuleSource", name: "notes", inputArtifactIds: ["art-b"] },
];

function mount(routes: Parameters<typeof fakeFetch>[0]) {
  window.sessionStorage.setItem(KEY_ITEM, "fk.acme.k");
  const fake = fakeFetch(routes);
  render(
    <Router hook={memoryLocation({ path: "/studio/runs/run-1" }).hook}>
      <SessionProvider fetchImpl={fake.fetch}><RunPage id="run-1" /></SessionProvider>
    </Router>,
  );
  return fake;
}

describe("RunPage", () => {
  it("updates stages and modules in place until the run completes, then shows its lineage", async () => {
    const answers = [base, done];
    const { calls } = mount({
      "GET /api/v1/runs/run-1": () => json(200, answers.length > 1 ? answers.shift() : answers[0]),
      "GET /api/v1/runs/run-1/artifacts": () => json(200, { items: artifacts }),
    });
    expect(await screen.findByText("updating live")).toBeInTheDocument();
    expect(within(screen.getByRole("table")).getAllByText("pending")).toHaveLength(3);
    expect(await screen.findByText("233/243", {}, { timeout: 4000 })).toBeInTheDocument();
    expect(screen.queryByText("updating live")).toBeNull();
    expect(screen.getByText("completed", { selector: ".run-status .badge" })).toBeInTheDocument();
    expect(screen.getAllByRole("listitem").filter((li) => li.dataset.stage).map((li) => li.dataset.stage)).toEqual(["intake", "render", "publish"]);
    const lineage = await screen.findByRole("list", { name: "From blueprint to commit" });
    expect(within(lineage).getAllByRole("heading").map((h) => h.textContent)).toEqual(["Blueprint", "ModuleSource", "Commit"]);
    expect(within(lineage).getByRole("link", { name: "notes" })).toHaveAttribute("href", "/studio/artifacts/art-m");
    expect(calls.filter((c) => c.url === "/api/v1/runs/run-1")).toHaveLength(2);
  });

  it("starts the lineage of a run started from a proposal at its intent and proposal, each openable", async () => {
    const fromIntent = [
      { ...artifacts[1], inputArtifactIds: ["art-i", "art-p"] }, artifacts[0], artifacts[2],
    ];
    const { calls } = mount({
      "GET /api/v1/runs/run-1": () => json(200, done),
      "GET /api/v1/runs/run-1/artifacts": () => json(200, { items: fromIntent }),
      "GET /api/v1/artifacts/art-i": () => json(200, { tenantId: "acme", artifactId: "art-i", artifactType: "Intent", name: "intent.txt", runId: "prop-7" }),
      "GET /api/v1/artifacts/art-p": () => json(200, { tenantId: "acme", artifactId: "art-p", artifactType: "BlueprintProposal",
        name: "proposal.blueprint.yaml", runId: "prop-7", inputArtifactIds: ["art-i"] }),
    });
    const lineage = await screen.findByRole("list", { name: "From blueprint to commit" });
    expect(within(lineage).getAllByRole("heading").map((h) => h.textContent)).toEqual(["Intent", "BlueprintProposal", "Blueprint", "ModuleSource", "Commit"]);
    expect(within(lineage).getByRole("link", { name: "intent.txt" })).toHaveAttribute("href", "/studio/artifacts/art-i");
    expect(within(lineage).getByRole("link", { name: "proposal.blueprint.yaml" })).toHaveAttribute("href", "/studio/artifacts/art-p");
    expect(calls.filter((c) => c.url.startsWith("/api/v1/artifacts/")).map((c) => c.url).sort()).toEqual(["/api/v1/artifacts/art-i", "/api/v1/artifacts/art-p"]);
  });

  it("shows the run's own lineage when an input of its blueprint is no longer stored", async () => {
    mount({
      "GET /api/v1/runs/run-1": () => json(200, done),
      "GET /api/v1/runs/run-1/artifacts": () => json(200, { items: [{ ...artifacts[1], inputArtifactIds: ["art-gone"] }, artifacts[0], artifacts[2]] }),
      "GET /api/v1/artifacts/art-gone": () => problem(404, "artifact art-gone was not found"),
    });
    const lineage = await screen.findByRole("list", { name: "From blueprint to commit" });
    expect(within(lineage).getAllByRole("heading").map((h) => h.textContent)).toEqual(["Blueprint", "ModuleSource", "Commit"]);
  });

  it("says 'not found' for a run that is not the tenant's, and stops asking", async () => {
    const { calls } = mount({ "GET /api/v1/runs/run-1": () => problem(404, "run run-1 was not found") });
    expect(await screen.findByRole("heading", { name: "Run not found" })).toBeInTheDocument();
    expect(screen.getByText(/belongs to another tenant/)).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 1200));
    expect(calls).toHaveLength(1);
  });

  it("offers approve and reject when the run waits for approval", async () => {
    mount({
      "GET /api/v1/runs/run-1": () => json(200, { ...base, status: "waiting-for-approval",
        modules: [{ ...base.modules[0], governance: "RequiresApproval", governanceReasons: ["Partner.iban holds special personal data (iban)"] }] }),
    });
    expect(await screen.findByRole("heading", { name: "Waiting for your approval" })).toBeInTheDocument();
    expect(screen.getByText(/Partner\.iban holds special personal data/, { selector: "li" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Approve" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Reject" })).toBeEnabled();
  });

  it("cancels a live run only after a confirmation with a reason, then follows it to its end", async () => {
    let cancelled = false;
    const { calls } = mount({
      "GET /api/v1/runs/run-1": () => json(200, cancelled ? { ...base, status: "cancelled" } : base),
      "POST /api/v1/runs/run-1/cancel": () => { cancelled = true; return json(202, { runId: "run-1", cancelling: true }); },
      "GET /api/v1/runs/run-1/artifacts": () => json(200, { items: [] }),
    });
    await userEvent.click(await screen.findByRole("button", { name: "Cancel this run…" }));
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await userEvent.type(screen.getByLabelText(/Why cancel it/), "wrong blueprint");
    await userEvent.click(screen.getByRole("button", { name: "Cancel the run" }));
    expect(await screen.findByText("cancelled", { selector: ".run-status .badge" })).toBeInTheDocument();
    expect(JSON.parse(String(calls.find((c) => c.method === "POST")!.body))).toEqual({ reason: "wrong blueprint" });
    expect(screen.queryByRole("button", { name: "Cancel this run…" })).toBeNull();
  });

  it("orders lineage from blueprint to commit, unknown types last", () => {
    const cols = lineageColumns([...artifacts, { tenantId: "acme", artifactId: "x", artifactType: "Zeta", name: "z" },
      { tenantId: "acme", artifactId: "g", artifactType: "GovernanceReport", name: "g" }]);
    expect(cols.map(([t]) => t)).toEqual(["Blueprint", "ModuleSource", "GovernanceReport", "Commit", "Zeta"]);
  });
});
