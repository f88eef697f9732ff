import type { SearchHit } from "../api/types";

/** Where a knowledge-index hit opens in this app, when it has a page: a template's listing, a run (or a module's run). */
export function hitLink(hit: SearchHit): string | undefined {
  const [kind, ...rest] = hit.id.split(":");
  const key = rest.join(":");
  if (kind === "template" && key) return `/catalog/${encodeURIComponent(key.split("@")[0])}`;
  if (kind === "run" && key) return `/studio/runs/${encodeURIComponent(key)}`;
  if (kind === "module") {
    const run = hit.source.split(" ")[0];
    if (/^run-[A-Za-z0-9-]+$/.test(run)) return `/studio/runs/${encodeURIComponent(run)}`;
  }
  return undefined;
}
