import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { SessionProvider, KEY_ITEM } from "../auth/session";
import { fakeFetch, json, problem } from "../test/fakes";
import { NewRunPage } from "./NewRunPage";

const BAD = "blueprint: 1\nproduct:\n  name: x\nmodules:\n  - name: 1bad\n";

function mount(routes: Parameters<typeof fakeFetch>[0]) {
  const storage = window.sessionStorage;
  storage.clear();
  storage.setItem(KEY_ITEM, "fk.acme.k");
  const fake = fakeFetch(routes);
  const location = memoryLocation({ path: "/studio/new", record: true });
  render(
    <Router hook={location.hook}>
      <SessionProvider storage={storage} fetchImpl={fake.fetch}><NewRunPage /></SessionProvider>
    </Router>,
  );
  return { ...fake, location };
}

const file = (name: string, text: string) => new File([text], name, { type: "application/x-yaml" });

describe("NewRunPage", () => {
  it("shows each refused problem at its line and column, with the line and a caret under the column", async () => {
    const { calls } = mount({
      "POST /api/v1/blueprints": () => problem(400, "the blueprint is invalid; nothing was stored", {
        problems: [{ file: "bad.yaml", line: 5, column: 11, message: "'1bad' is not a valid name in /modules/0/name", hint: "names start with a letter" }],
      }),
    });
    await userEvent.upload(screen.getByLabelText(/Blueprint file/), file("bad.yaml", BAD));
    await userEvent.click(screen.getByRole("button", { name: "Check and upload" }));
    expect(await screen.findByText(/bad\.yaml was refused: 1 problem/)).toBeInTheDocument();
    expect(screen.getByText("Line 5, column 11")).toBeInTheDocument();
    expect(screen.getByText(/Hint: names start with a letter/)).toBeInTheDocument();
    expect(screen.getByLabelText("line 5 of bad.yaml").textContent).toBe("5 |   - name: 1bad\n  |           ^");
    expect(calls[0].url).toBe("/api/v1/blueprints?file=bad.yaml");
    expect(calls[0].body).toBe(BAD);
    expect(screen.queryByRole("button", { name: "Start the run" })).toBeNull();
  });

  it("stores a good blueprint, then starts a run of that version and opens its live page", async () => {
    const { calls, location } = mount({
      "POST /api/v1/blueprints": () => json(201, { projectId: "proj-notes", blueprintId: "bp-notes", version: 2, modules: [{ name: "notes", entities: ["Note"] }], warnings: [] }),
      "POST /api/v1/runs": () => json(202, { runId: "run-42", status: "running" }),
    });
    await userEvent.upload(screen.getByLabelText(/Blueprint file/), file("notes.blueprint.yaml", "blueprint: 1"));
    await userEvent.click(screen.getByRole("button", { name: "Check and upload" }));
    await userEvent.click(await screen.findByRole("button", { name: "Start the run" }));
    await waitFor(() => expect(location.history?.at(-1)).toBe("/studio/runs/run-42"));
    expect(JSON.parse(String(calls[1].body))).toEqual({ blueprintId: "bp-notes", version: 2 });
  });

  it("refuses a file that is too large or of another kind before sending anything", async () => {
    const { calls } = mount({});
    const input = screen.getByLabelText(/Blueprint file/);
    await userEvent.upload(input, file("notes.txt", "x"), { applyAccept: false });
    await userEvent.click(screen.getByRole("button", { name: "Check and upload" }));
    expect(screen.getByRole("alert").textContent).toMatch(/neither a YAML blueprint .* nor a JDL file/);
    await userEvent.upload(input, file("big.yaml", "x".repeat(2 * 1024 * 1024 + 1)));
    await userEvent.click(screen.getByRole("button", { name: "Check and upload" }));
    expect(screen.getByRole("alert").textContent).toMatch(/up to 2 MiB/);
    expect(calls).toHaveLength(0);
  });

  it("shows an API error in words when the upload fails otherwise", async () => {
    mount({ "POST /api/v1/blueprints": () => problem(503, "the factory is busy parsing and planning other requests; retry shortly") });
    await userEvent.upload(screen.getByLabelText(/Blueprint file/), file("notes.yaml", "blueprint: 1"));
    await userEvent.click(screen.getByRole("button", { name: "Check and upload" }));
    expect(await screen.findByText("The factory is busy parsing and planning other requests; retry shortly")).toBeInTheDocument();
    expect(screen.getByText("corr-test-1")).toBeInTheDocument();
  });
});
