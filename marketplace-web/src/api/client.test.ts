import { describe, expect, it } from "vitest";
import { ApiError, FactoryClient } from "./client";
import { fakeFetch, json, problem } from "../test/fakes";

describe("FactoryClient", () => {
  it("sends the signed-in key in X-Api-Key, never in the URL, and encodes ids into one path segment", async () => {
    const { fetch, calls } = fakeFetch({ "GET /api/v1/runs/a%2F..%2Fb": () => json(200, { runId: "a/../b" }) });
    const client = new FactoryClient({ apiKey: () => "fk.acme.secret", fetch });
    await client.run("a/../b");
    expect(calls[0].url).toBe("/api/v1/runs/a%2F..%2Fb");
    expect(calls[0].headers["X-Api-Key"]).toBe("fk.acme.secret");
    expect(calls[0].url).not.toContain("secret");
  });

  it("sends no key when signed out (the public catalog)", async () => {
    const { fetch, calls } = fakeFetch({ "GET /api/v1/templates": () => json(200, { items: [] }) });
    await new FactoryClient({ fetch }).templates();
    expect(calls[0].headers["X-Api-Key"]).toBeUndefined();
  });

  it("turns a problem+json answer into words: title, detail, located problems and correlation id", async () => {
    const located = [{ file: "x.yaml", line: 5, column: 3, message: "bad name", hint: "start with a letter" }];
    const { fetch } = fakeFetch({
      "POST /api/v1/blueprints": () => problem(400, "the blueprint is invalid; nothing was stored", { detail: "see problems", problems: located }),
    });
    const error = await new FactoryClient({ apiKey: () => "k", fetch }).uploadBlueprint("x.yaml", "a: b").catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.title).toBe("the blueprint is invalid; nothing was stored");
    expect(error.detail).toBe("see problems");
    expect(error.problems).toEqual(located);
    expect(error.correlationId).toBe("corr-test-1");
    expect(error.message).toBe("the blueprint is invalid; nothing was stored: see problems");
  });

  it("gives words for an answer that is not JSON, and for a factory that cannot be reached", async () => {
    const { fetch } = fakeFetch({ "GET /api/v1/usage": () => new Response("<html>Bad Gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } }) });
    const e1 = await new FactoryClient({ fetch }).usage().catch((e) => e);
    expect(e1.title).toBe("the factory is not reachable");
    expect(e1.detail).toBe("HTTP 502");
    const down = (() => Promise.reject(new TypeError("Failed to fetch"))) as unknown as typeof globalThis.fetch;
    const e2 = await new FactoryClient({ fetch: down }).usage().catch((e) => e);
    expect(e2).toBeInstanceOf(ApiError);
    expect(e2.status).toBe(0);
    expect(e2.detail).toMatch(/factory serve/);
  });

  it("uploads the file's text under its name (which picks the format) and starts a run of that exact version", async () => {
    const { fetch, calls } = fakeFetch({
      "POST /api/v1/blueprints": () => json(201, { blueprintId: "bp-shop", version: 3 }),
      "POST /api/v1/runs": () => json(202, { runId: "run-1", status: "running" }),
    });
    const client = new FactoryClient({ apiKey: () => "k", fetch });
    await client.uploadBlueprint("my shop.jdl", "entity A {}");
    expect(calls[0].url).toBe("/api/v1/blueprints?file=my%20shop.jdl");
    expect(calls[0].body).toBe("entity A {}");
    await client.startRun("bp-shop", 3);
    expect(JSON.parse(String(calls[1].body))).toEqual({ blueprintId: "bp-shop", version: 3 });
    expect(calls[1].headers["Content-Type"]).toBe("application/json");
  });

  it("checks a key given to tenantOf without using the stored one", async () => {
    const { fetch, calls } = fakeFetch({ "GET /api/v1/tenant": () => json(200, { tenantId: "acme", name: "Acme" }) });
    await new FactoryClient({ apiKey: () => "old", fetch }).tenantOf("new");
    expect(calls[0].headers["X-Api-Key"]).toBe("new");
  });

  it("answers approvals with the comment", async () => {
    const { fetch, calls } = fakeFetch({ "POST /api/v1/runs/run-9/reject": () => json(202, { runId: "run-9" }) });
    await new FactoryClient({ apiKey: () => "k", fetch }).answerApproval("run-9", false, "not this quarter");
    expect(JSON.parse(String(calls[0].body))).toEqual({ by: "studio", comment: "not this quarter" });
  });

  it("reads the plans without a key, and the tenant's installs and installs an item with it", async () => {
    const { fetch, calls } = fakeFetch({
      "GET /api/v1/plans": () => json(200, { items: [{ planId: "developer" }] }),
      "GET /api/v1/installs": () => json(200, { items: [{ itemId: "T.Svc" }] }),
      "POST /api/v1/installs": () => json(201, { itemId: "T.Svc", kind: "template", planId: "developer", installedAt: "2026-12-01T00:00:00Z" }),
    });
    expect((await new FactoryClient({ fetch }).plans()).map((p) => p.planId)).toEqual(["developer"]);
    expect(calls[0].headers["X-Api-Key"]).toBeUndefined();
    const client = new FactoryClient({ apiKey: () => "k", fetch });
    expect((await client.installs()).map((e) => e.itemId)).toEqual(["T.Svc"]);
    expect((await client.install("T.Svc")).planId).toBe("developer");
    expect(calls[2].method).toBe("POST");
    expect(JSON.parse(String(calls[2].body))).toEqual({ itemId: "T.Svc" });
    expect(calls[2].headers["Content-Type"]).toBe("application/json");
  });

  it("gives a plan's refusal (402) in the API's words, or in its own when the body says nothing", async () => {
    const { fetch } = fakeFetch({
      "POST /api/v1/installs": () => problem(402, "your plan developer does not include X; it is in plan team"),
      "GET /api/v1/installs": () => new Response("", { status: 402 }),
    });
    const client = new FactoryClient({ apiKey: () => "k", fetch });
    const refused = await client.install("X").catch((e) => e);
    expect(refused.status).toBe(402);
    expect(refused.title).toBe("your plan developer does not include X; it is in plan team");
    expect((await client.installs().catch((e) => e)).title).toBe("your plan does not allow this");
  });

  it("starts a proposal's run on its own route, the proposal id kept in one path segment", async () => {
    const { fetch, calls } = fakeFetch({ "POST /api/v1/intents/prop-1%2F..%2Fx/run": () => json(202, { runId: "run-1", intentArtifactId: "art-i" }) });
    const run = await new FactoryClient({ apiKey: () => "k", fetch }).runProposal("prop-1/../x");
    expect(run.intentArtifactId).toBe("art-i");
    expect(calls[0].url).toBe("/api/v1/intents/prop-1%2F..%2Fx/run");
    expect(calls[0].method).toBe("POST");
  });
});
