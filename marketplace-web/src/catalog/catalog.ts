import type { CatalogEntry } from "../api/types";

/** One item of the catalog with all its versions, newest first. */
export interface CatalogItem {
  id: string;
  kind: CatalogEntry["kind"];
  latest: CatalogEntry;
  versions: CatalogEntry[];
}

/** Compares dotted versions numerically (1.10.0 after 1.9.0); a pre-release suffix sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const [ca, pa = ""] = a.split("-", 2);
  const [cb, pb = ""] = b.split("-", 2);
  const na = ca.split(".").map(Number);
  const nb = cb.split(".").map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? 0) - (nb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return d;
  }
  if (pa === pb) return 0;
  if (!pa) return 1;
  if (!pb) return -1;
  return pa < pb ? -1 : 1;
}

export function groupCatalog(entries: CatalogEntry[]): CatalogItem[] {
  const byId = new Map<string, CatalogEntry[]>();
  for (const e of entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
  return [...byId.entries()].map(([id, vs]) => {
    const versions = [...vs].sort((x, y) => compareVersions(y.version, x.version));
    return { id, kind: versions[0].kind, latest: versions[0], versions };
  });
}

/** The catalog items whose id, name, category, kind or description contain every word of the query (any case). */
export function filterCatalog(items: CatalogItem[], query: string, kind: "all" | CatalogEntry["kind"] = "all"): CatalogItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (kind !== "all" && item.kind !== kind) return false;
    const text = [item.id, item.latest.name, item.latest.category, item.kind, item.latest.description, item.latest.model]
      .join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export interface Description {
  summary: string;
  /** What each version changed, newest first, as the package's description records it ("1.3.0: ..."). */
  changes: { version: string; text: string }[];
}

const MARK = /(?:^|\s)(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?):\s/g;

export function splitDescription(description: string): Description {
  const marks = [...description.matchAll(MARK)];
  if (marks.length === 0) return { summary: description.trim(), changes: [] };
  const summary = description.slice(0, marks[0].index).trim();
  const changes = marks.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = i + 1 < marks.length ? marks[i + 1].index : description.length;
    return { version: m[1], text: description.slice(start, end).trim() };
  });
  return { summary, changes: changes.sort((a, b) => compareVersions(b.version, a.version)) };
}

/** The verified figures of a version in words, or why there are none. */
export function verificationLine(e: CatalogEntry): string {
  if (e.kind === "library") return "built and tested by the factory's own build";
  const v = e.verification;
  if (!v) return "not verified yet";
  const day = v.verifiedAt.slice(0, 10);
  if (!v.passed) return `failed verification on ${day}`;
  return `verified ${day}: ${v.modules.length} sample module${v.modules.length === 1 ? "" : "s"} built, ${v.testsRun} tests `
    + `(${v.testsPassed} passed${v.testsSkipped ? `, ${v.testsSkipped} skipped` : ""}), governance ${v.governance}`;
}

/** How a version's verification reads at a glance: passed (or a library, built by the factory), failed, or none yet. */
export function verificationState(e: CatalogEntry): "passed" | "failed" | "none" {
  if (e.kind === "library") return "passed";
  if (!e.verification) return "none";
  return e.verification.passed ? "passed" : "failed";
}
