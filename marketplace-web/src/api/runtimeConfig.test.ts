import { describe, expect, it } from "vitest";
import { fakeFetch, json } from "../test/fakes";
import { CONFIG_PATH, RuntimeConfigError, apiOrigin, loadRuntimeConfig, parseRuntimeConfig } from "./runtimeConfig";

describe("runtime config (/config.json)", () => {
  it("takes the API's origin from the deployment's config.json, asked for without a stale cache", async () => {
    const { fetch, calls } = fakeFetch({ "GET /config.json": () => json(200, { apiBaseUrl: "https://factory-fn.azurewebsites.net/" }) });
    expect(await loadRuntimeConfig(fetch, "")).toEqual({ apiBaseUrl: "https://factory-fn.azurewebsites.net" });
    expect(calls.map((c) => c.url)).toEqual([CONFIG_PATH]);
    expect((fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0][1].cache).toBe("no-cache");
  });

  it("keeps the build's origin when the file says same origin, is missing, is not JSON, or cannot be fetched", async () => {
    const same = fakeFetch({ "GET /config.json": () => json(200, { apiBaseUrl: "" }) });
    expect(await loadRuntimeConfig(same.fetch, "https://built.example")).toEqual({ apiBaseUrl: "https://built.example" });
    const missing = fakeFetch({});
    expect(await loadRuntimeConfig(missing.fetch, "")).toEqual({ apiBaseUrl: "" });
    const html = fakeFetch({ "GET /config.json": () => new Response("<!doctype html>", { headers: { "Content-Type": "text/html" } }) });
    expect(await loadRuntimeConfig(html.fetch, "")).toEqual({ apiBaseUrl: "" });
    const down = (async () => { throw new TypeError("network"); }) as unknown as typeof fetch;
    expect(await loadRuntimeConfig(down, "")).toEqual({ apiBaseUrl: "" });
  });

  it("refuses a config.json that is there but wrong, in words, instead of calling some other API", async () => {
    for (const bad of ["http://factory.example", "https://factory.example/api", "https://factory.example?x=1", "https://u:p@factory.example",
      "javascript:alert(1)", "factory.example", "https://factory.example#x"]) {
      expect(() => apiOrigin(bad), bad).toThrow(RuntimeConfigError);
    }
    expect(() => parseRuntimeConfig({ apiBaseUrl: 42 })).toThrow("/config.json is not usable: apiBaseUrl is not a string");
    expect(() => parseRuntimeConfig([])).toThrow(/not a JSON object/);
    const broken = fakeFetch({ "GET /config.json": () => new Response("{", { headers: { "Content-Type": "application/json" } }) });
    await expect(loadRuntimeConfig(broken.fetch, "")).rejects.toThrow("/config.json is not usable: it is not JSON");
    const path = fakeFetch({ "GET /config.json": () => json(200, { apiBaseUrl: "https://factory.example/api/v1" }) });
    await expect(loadRuntimeConfig(path.fetch, "")).rejects.toThrow(/is not an https origin: give the API's origin/);
    expect(apiOrigin("http://localhost:7071")).toBe("http://localhost:7071");
  });
});
