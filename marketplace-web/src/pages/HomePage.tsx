import { useMemo, useState, type FormEvent } from "react";
import { Link } from "wouter";
import type { SearchResults } from "../api/types";
import { useSession } from "../auth/session";
import { hitLink } from "../catalog/hits";
import { filterCatalog, groupCatalog, splitDescription, verificationLine, verificationState } from "../catalog/catalog";
import { Empty, ErrorNote, Loading, Page, useLoad } from "../components/ui";

type Kind = "all" | "template" | "library";

export function HomePage() {
  const { client, tenant } = useSession();
  const [catalog, retry] = useLoad(() => client.templates(), [client]);
  const [query, setQuery] = useState("");
  const [kind, setKind] = useState<Kind>("all");
  const [index, setIndex] = useState<{ state: "idle" } | { state: "busy" } | { state: "ok"; results: SearchResults }
    | { state: "error"; error: unknown }>({ state: "idle" });
  const items = useMemo(() => (catalog.kind === "ok" ? groupCatalog(catalog.value) : []), [catalog]);
  const shown = useMemo(() => filterCatalog(items, query, kind), [items, query, kind]);

  const searchIndex = async (e: FormEvent) => {
    e.preventDefault();
    if (!tenant || !query.trim()) return;
    setIndex({ state: "busy" });
    try {
      setIndex({ state: "ok", results: await client.search(query.trim()) });
    } catch (error) {
      setIndex({ state: "error", error });
    }
  };

  return (
    <Page title="Templates and libraries" lead="Governed building blocks the factory turns blueprints into multi-tenant SaaS modules with. Every template version shows what verifying it found.">
      <form className="search" role="search" onSubmit={searchIndex}>
        <label htmlFor="q">Search the catalog</label>
        <div className="row">
          <input id="q" type="search" value={query} onChange={(e) => { setQuery(e.target.value); setIndex({ state: "idle" }); }}
            placeholder="e.g. functions, events, react" autoComplete="off" maxLength={500} />
          {tenant && <button type="submit" disabled={!query.trim() || index.state === "busy"}>Search everything</button>}
        </div>
        <fieldset className="kinds">
          <legend>Show</legend>
          {(["all", "template", "library"] as Kind[]).map((k) => (
            <label key={k}><input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              {k === "all" ? "Everything" : k === "template" ? "Templates" : "Libraries"}</label>
          ))}
        </fieldset>
        {!tenant && <p className="muted small">Sign in to also search your blueprints, modules and runs.</p>}
      </form>

      {index.state === "busy" && <Loading what="search results" />}
      {index.state === "error" && <ErrorNote error={index.error} />}
      {index.state === "ok" && (
        <section aria-labelledby="index-h" className="panel">
          <h2 id="index-h">Knowledge index: {index.results.hits.length} result{index.results.hits.length === 1 ? "" : "s"} for “{index.results.query}”</h2>
          {index.results.hits.length === 0 ? <Empty>Nothing in the index matches; try other words.</Empty> : (
            <ul className="hits">
              {index.results.hits.map((h) => (
                <li key={`${h.scope}:${h.id}`}>
                  <p><strong>{hitLink(h) ? <Link href={hitLink(h)!}>{h.title}</Link> : h.title}</strong> <span className="muted small">{h.kind} · {h.scope === "platform" ? "platform" : "yours"}</span></p>
                  <p className="small">{h.snippet}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="catalog-h">
        <h2 id="catalog-h" className="visually-hidden">Catalog</h2>
        {catalog.kind === "loading" && <Loading what="the catalog" />}
        {catalog.kind === "error" && <ErrorNote error={catalog.error} retry={retry} />}
        {catalog.kind === "ok" && (
          <>
            <p className="muted" aria-live="polite">{shown.length} of {items.length} item{items.length === 1 ? "" : "s"}</p>
            {shown.length === 0 ? (
              <Empty>{items.length === 0 ? "The catalog is empty." : <>Nothing matches “{query}”. <button type="button" className="link" onClick={() => { setQuery(""); setKind("all"); }}>Show everything</button></>}</Empty>
            ) : (
              <ul className="cards">
                {shown.map((item) => (
                  <li key={item.id} className="card">
                    <h3><Link href={`/catalog/${encodeURIComponent(item.id)}`}>{item.latest.name}</Link></h3>
                    <p className="muted small">{item.kind}{item.latest.category !== item.kind && ` · ${item.latest.category}`} · latest {item.latest.version} · {item.versions.length} version{item.versions.length === 1 ? "" : "s"}</p>
                    <p>{clip(splitDescription(item.latest.description).summary, 220)}</p>
                    <p className={`small figures figures-${verificationState(item.latest)}`}>{verificationLine(item.latest)}</p>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </Page>
  );
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n).trimEnd()}…` : text;
}
