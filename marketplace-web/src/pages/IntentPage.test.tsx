import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { SessionProvider, KEY_ITEM } from "../auth/session";
import { fakeFetch, json, problem } from "../test/fakes";
import { IntentPage } from "./IntentPage";

const TEXT = "Members borrow books from the library. Each book has a title and an ISBN.";
const PROPOSAL = {
  status: "proposed", proposalId: "prop-7", product: "Library", intentArtifactId: "art-i", proposalArtifactId: "art-p",
  yaml: "blueprint: 1\nproduct:\n  name: Library\n", warnings: [], problems: [], tokens: 0,
  tasks: [{ taskId: "t1", skillId: "ConnectSoft.Skill.ReadIntent@1.0.0", state: "succeeded", attempts: 1, tokens: 0 }],
  modules: [{
    name: "lending", entities: ["Book", "Loan"],
    entityFields: [{ entity: "Book", fields: [{ name: "title", type: "string", required: true }, { name: "isbn", type: "string", required: false }] },
      { entity: "Loan", fields: [] }],
    events: [{ name: "LoanCreated", entity: "Loan", on: "created" }],
  }],
};

function mount(routes: Parameters<typeof fakeFetch>[0]) {
  const storage = window.sessionStorage;
  storage.clear();
  storage.setItem(KEY_ITEM, "fk.acme.k");
  const fake = fakeFetch(routes);
  const location = memoryLocation({ path: "/studio/intent", record: true });
  render(
    <Router hook={location.hook}>
      <SessionProvider storage={storage} fetchImpl={fake.fetch}><IntentPage /></SessionProvider>
    </Router>,
  );
  return { ...fake, location };
}

async function describeProduct(text = TEXT) {
  await userEvent.type(screen.getByLabelText(/Description/), text);
  await userEvent.click(screen.getByRole("button", { name: "Propose" }));
}

describe("IntentPage", () => {
  it("shows the proposal's modules, entities with their fields, and events for review before anything runs", async () => {
    const { calls } = mount({ "POST /api/v1/intents": () => json(200, PROPOSAL) });
    await describeProduct();
    expect(await screen.findByRole("heading", { name: "Proposal for Library" })).toBeInTheDocument();
    const mod = screen.getByRole("region", { name: "module lending" });
    expect(mod.textContent).toContain("Book: title (string, required), isbn (string)");
    expect(mod.textContent).toContain("Loan");
    expect(mod.textContent).toContain("LoanCreated (when a Loan is created)");
    expect(calls).toHaveLength(1);
    expect(calls[0].headers["X-Api-Key"]).toBe("fk.acme.k");
    expect(JSON.parse(String(calls[0].body))).toEqual({ text: TEXT });
  });

  it("runs the reviewed proposal through its own route (so the run's lineage keeps the intent) and opens the live run page", async () => {
    const { calls, location } = mount({
      "POST /api/v1/intents": () => json(200, PROPOSAL),
      "POST /api/v1/intents/prop-7/run": () => json(202, { runId: "run-9", status: "running", traceId: "t", proposalId: "prop-7",
        intentArtifactId: "art-i", proposalArtifactId: "art-p" }),
    });
    await describeProduct();
    await userEvent.click(await screen.findByRole("button", { name: "Run this proposal" }));
    await waitFor(() => expect(location.history?.at(-1)).toBe("/studio/runs/run-9"));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(["POST /api/v1/intents", "POST /api/v1/intents/prop-7/run"]);
    expect(calls[1].headers["X-Api-Key"]).toBe("fk.acme.k");
  });

  it("discards a proposal without running anything", async () => {
    const { calls } = mount({ "POST /api/v1/intents": () => json(200, PROPOSAL) });
    await describeProduct();
    await userEvent.click(await screen.findByRole("button", { name: "Discard" }));
    expect(screen.queryByRole("heading", { name: "Proposal for Library" })).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("refuses a too-short description before sending it, and shows a refused intent and a failed proposal in words", async () => {
    const { calls } = mount({
      "POST /api/v1/intents": (c) => JSON.parse(String(c.body)).text.startsWith("Bad")
        ? problem(400, "the intent cannot be used; nothing was written", { errors: ["the intent contains a control character at 12"] })
        : json(200, { status: "failed", proposalId: "prop-8", reason: "no entity could be named", problems: ["modules: empty"], tasks: [], tokens: 0 }),
    });
    await describeProduct("shop");
    expect(screen.getByRole("alert").textContent).toMatch(/at least 10 characters/);
    expect(calls).toHaveLength(0);
    await userEvent.clear(screen.getByLabelText(/Description/));
    await describeProduct("Bad things happen here");
    expect(await screen.findByText("The intent cannot be used; nothing was written")).toBeInTheDocument();
    expect(screen.getByText("the intent contains a control character at 12")).toBeInTheDocument();
    await userEvent.clear(screen.getByLabelText(/Description/));
    await describeProduct("Something vague and large");
    expect(await screen.findByText("No usable proposal came of this description")).toBeInTheDocument();
    expect(screen.getByText("no entity could be named")).toBeInTheDocument();
    expect(screen.getByText("modules: empty")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Run this proposal" })).toBeNull();
  });

  it("shows a refused start of the proposal's run in words and keeps the proposal", async () => {
    mount({
      "POST /api/v1/intents": () => json(200, PROPOSAL),
      "POST /api/v1/intents/prop-7/run": () => problem(503, "the factory is busy parsing and planning other requests; retry shortly"),
    });
    await describeProduct();
    await userEvent.click(await screen.findByRole("button", { name: "Run this proposal" }));
    expect(await screen.findByText("The factory is busy parsing and planning other requests; retry shortly")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Run this proposal" })).toBeEnabled();
  });
});
