import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../api/types";
import { compareVersions, filterCatalog, groupCatalog, splitDescription, verificationLine, verificationState } from "./catalog";

const entry = (id: string, version: string, more: Partial<CatalogEntry> = {}): CatalogEntry => ({
  kind: "template", id, version, name: `${id} name`, category: "service", model: "java-module/1", description: "A service.",
  files: 3, contentHash: "sha256:x", usable: true, ...more,
});

describe("catalog", () => {
  it("orders versions numerically, a pre-release before its release", () => {
    expect(compareVersions("1.10.0", "1.9.0")).toBeGreaterThan(0);
    expect(compareVersions("1.4.2", "1.4.10")).toBeLessThan(0);
    expect(compareVersions("2.0.0-rc1", "2.0.0")).toBeLessThan(0);
    expect(compareVersions("1.0.0", "1.0.0")).toBe(0);
  });

  it("groups versions per item with the newest as latest", () => {
    const items = groupCatalog([entry("A", "1.9.0"), entry("B", "1.0.0", { kind: "library" }), entry("A", "1.10.0")]);
    expect(items.map((i) => [i.id, i.latest.version, i.versions.length])).toEqual([["A", "1.10.0", 2], ["B", "1.0.0", 1]]);
  });

  it("filters by every word of the query, in any case, and by kind", () => {
    const items = groupCatalog([
      entry("Functions", "1.0.0", { name: "Azure Functions microservice", description: "REST and events" }),
      entry("Web", "1.0.0", { name: "React front end", category: "frontend" }),
      entry("Lib", "1.0.0", { kind: "library", name: "Extensions runtime" }),
    ]);
    expect(filterCatalog(items, "  AZURE events ").map((i) => i.id)).toEqual(["Functions"]);
    expect(filterCatalog(items, "azure react")).toEqual([]);
    expect(filterCatalog(items, "", "library").map((i) => i.id)).toEqual(["Lib"]);
    expect(filterCatalog(items, "").length).toBe(3);
  });

  it("splits a description into its summary and a changelog, newest first", () => {
    const d = splitDescription("One module as a service. 1.3.0: infra that deploys. 1.10.0: mutation testing (1.2 kept).");
    expect(d.summary).toBe("One module as a service.");
    expect(d.changes).toEqual([{ version: "1.10.0", text: "mutation testing (1.2 kept)." }, { version: "1.3.0", text: "infra that deploys." }]);
    expect(splitDescription("No versions here.")).toEqual({ summary: "No versions here.", changes: [] });
  });

  it("says 'not verified yet' without a verification, and the figures with one", () => {
    expect(verificationLine(entry("A", "1.0.0"))).toBe("not verified yet");
    const verification = {
      templateRef: "A@1.0.0", contentHash: "x", passed: true, problems: [], renderMs: 5, governance: "Allow", testsRun: 12,
      testsPassed: 11, testsFailed: 0, testsSkipped: 1, buildMs: 9, factoryVersion: "0.1.0", verifiedAt: "2026-11-30T10:00:00Z",
      modules: [{ module: "m", files: 1, lines: 1, governance: "Allow", build: "passed", testsRun: 12, testsPassed: 11, testsFailed: 0, testsSkipped: 1, buildMs: 9 }],
    };
    expect(verificationLine(entry("A", "1.0.0", { verification }))).toBe(
      "verified 2026-11-30: 1 sample module built, 12 tests (11 passed, 1 skipped), governance Allow");
    expect(verificationLine(entry("A", "1.0.0", { verification: { ...verification, passed: false } }))).toBe("failed verification on 2026-11-30");
    expect(verificationState(entry("A", "1.0.0"))).toBe("none");
    expect(verificationState(entry("A", "1.0.0", { verification }))).toBe("passed");
    expect(verificationState(entry("A", "1.0.0", { verification: { ...verification, passed: false } }))).toBe("failed");
    expect(verificationState(entry("L", "1.0.0", { kind: "library" }))).toBe("passed");
  });
});
