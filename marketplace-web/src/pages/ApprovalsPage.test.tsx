import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import type { Run } from "../api/types";
import { KEY_ITEM, SessionProvider } from "../auth/session";
import { fakeFetch, json, problem } from "../test/fakes";
import { ApprovalsPage } from "./ApprovalsPage";

const run = (runId: string, status: Run["status"]): Run => ({
  tenantId: "acme", runId, projectId: "p", productName: "Payouts", blueprintId: "bp", blueprintVersion: 1, templateRef: "T@1",
  status, stages: [], createdAt: "2026-11-30T20:00:00Z", updatedAt: "2026-11-30T20:00:00Z",
  modules: [{ moduleId: "m", name: "payouts", render: "rendered", files: 9, lines: 9, governance: status === "waiting-for-approval" ? "RequiresApproval" : "Allow",
    governanceReasons: status === "waiting-for-approval" ? ["Partner.iban holds special personal data (iban): a human must approve"] : [],
    build: "pending", testsRun: 0, testsPassed: 0, testsFailed: 0, buildMs: 0 }],
});

function mount(routes: Parameters<typeof fakeFetch>[0]) {
  sessionStorage.setItem(KEY_ITEM, "fk.acme.k");
  const fake = fakeFetch(routes);
  render(<Router hook={memoryLocation({ path: "/studio/approvals" }).hook}><SessionProvider fetchImpl={fake.fetch}><ApprovalsPage /></SessionProvider></Router>);
  return fake;
}

describe("ApprovalsPage", () => {
  it("lists only waiting runs with their reasons; an answer with its comment takes the run out of the queue", async () => {
    const { calls } = mount({
      "GET /api/v1/runs": () => json(200, { items: [run("run-a", "waiting-for-approval"), run("run-b", "completed"), run("run-c", "waiting-for-approval")] }),
      "POST /api/v1/runs/run-a/reject": () => json(202, { runId: "run-a", rejected: ["payouts"] }),
    });
    await screen.findByRole("heading", { name: "Payouts: run-a" });
    const cards = document.querySelectorAll(".cards > li");
    expect([...cards].map((c) => within(c as HTMLElement).getByRole("heading").textContent)).toEqual(["Payouts: run-a", "Payouts: run-c"]);
    const first = within(cards[0] as HTMLElement);
    expect(first.getByText(/Partner\.iban holds special personal data/)).toBeInTheDocument();
    await userEvent.type(first.getByLabelText("Comment"), "no IBANs without a DPIA");
    await userEvent.click(first.getByRole("button", { name: "Reject" }));
    expect(await screen.findByText(/rejected\./)).toBeInTheDocument();
    expect(JSON.parse(String(calls.at(-1)!.body))).toEqual({ by: "studio", comment: "no IBANs without a DPIA" });
    expect([...document.querySelectorAll(".cards > li h2")].map((h) => h.textContent)).toEqual(["Payouts: run-c"]);
  });

  it("shows the API's refusal (409: the run no longer waits) and keeps the run", async () => {
    mount({
      "GET /api/v1/runs": () => json(200, { items: [run("run-a", "waiting-for-approval")] }),
      "POST /api/v1/runs/run-a/approve": () => problem(409, "run run-a is not waiting for approval"),
    });
    await userEvent.click(await screen.findByRole("button", { name: "Approve" }));
    expect(await screen.findByText("Run run-a is not waiting for approval")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Payouts: run-a" })).toBeInTheDocument();
  });

  it("says so when nothing waits", async () => {
    mount({ "GET /api/v1/runs": () => json(200, { items: [run("run-b", "completed")] }) });
    expect(await screen.findByText("Nothing is waiting for approval.")).toBeInTheDocument();
  });
});
