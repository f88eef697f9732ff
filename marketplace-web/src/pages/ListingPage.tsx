import { useState } from "react";
import { Link } from "wouter";
import type { CatalogEntry, Entitlement, Mutation, TemplateFeedback } from "../api/types";
import { useSession } from "../auth/session";
import { plansIncluding } from "../billing/plans";
import { groupCatalog, splitDescription } from "../catalog/catalog";
import { Empty, ErrorNote, Loading, Page, useLoad, when } from "../components/ui";

export function ListingPage({ id }: { id: string }) {
  const { client } = useSession();
  const [versions, retry] = useLoad(() => client.templateVersions(id), [client, id]);
  if (versions.kind === "loading") return <Page title="Catalog item"><Loading what={id} /></Page>;
  if (versions.kind === "error") {
    return <Page title="Catalog item"><ErrorNote error={versions.error} retry={retry} /><p><Link href="/">Back to the catalog</Link></p></Page>;
  }
  const [item] = groupCatalog(versions.value);
  if (!item) return <Page title="Catalog item"><Empty>No versions of {id}.</Empty></Page>;
  const { summary, changes } = splitDescription(item.latest.description);
  return (
    <Page title={item.latest.name}>
      <p className="muted"><code>{item.id}</code> · {item.kind} · {item.latest.category}</p>
      <p>{summary}</p>
      <dl className="facts">
        <dt>Latest version</dt><dd>{item.latest.version}</dd>
        <dt>{item.kind === "library" ? "Maven coordinates" : "Compatibility"}</dt>
        <dd>{item.kind === "library" ? <code>{item.latest.model}</code> : <>blueprints rendered with model <code>{item.latest.model}</code></>}</dd>
      </dl>

      <Install itemId={item.id} />

      <section aria-labelledby="versions-h">
        <h2 id="versions-h">Versions and verified figures</h2>
        <ul className="versions">
          {item.versions.map((v) => <VersionCard key={v.version} entry={v} />)}
        </ul>
      </section>

      <PlansIncluding itemId={item.id} />

      <section aria-labelledby="changes-h">
        <h2 id="changes-h">Changelog</h2>
        {changes.length === 0 ? <Empty>No changes recorded beyond the first version.</Empty> : (
          <ol className="changelog">
            {changes.map((c) => <li key={c.version}><strong>{c.version}</strong>: {c.text}</li>)}
          </ol>
        )}
      </section>
      <p><Link href="/">Back to the catalog</Link></p>
    </Page>
  );
}

/** "87.5% (350 of 400 mutants killed)", or why there is no score. */
export function mutationText(m: Mutation | null | undefined): string {
  if (!m) return "not measured for this version";
  if (m.mutants <= 0) return `not measured (${m.note || "no mutants"})`;
  return `${((100 * m.killed) / m.mutants).toFixed(1)}% (${m.killed} of ${m.mutants} mutants killed)`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "2 build failures, 1 alert (5 reports, last 2026-12-01)", or that nothing came back yet. */
export function feedbackText(f: TemplateFeedback | null | undefined): string {
  if (!f || f.items <= 0) return "no reports from generated modules yet";
  const last = f.lastAt ? `, last ${f.lastAt.slice(0, 10)}` : "";
  return `${plural(f.buildFailures, "build failure")}, ${plural(f.alertsFired, "alert")} (${plural(f.items, "report")}${last})`;
}

function VersionCard({ entry }: { entry: CatalogEntry }) {
  const v = entry.verification;
  return (
    <li className="card version" aria-labelledby={`v-${entry.version}`}>
      <h3 id={`v-${entry.version}`}>Version {entry.version}{!entry.usable && <> <span className="badge badge-failed">not for new runs</span></>}</h3>
      {!entry.usable && entry.refusal && <p className="small">{entry.refusal}</p>}
      {entry.kind === "library" && !v ? (
        <p className="small">Built and tested by the factory's own build (<code>mvn verify</code>); installed into the build repository when a template naming it is prepared.</p>
      ) : !v ? (
        <p className="small"><strong>Not verified yet.</strong> <span className="muted">{entry.files} files.</span>
          {entry.staleVerification && <> <span className="muted">The verification shipped with the catalog does not count: {entry.staleVerification}.</span></>}</p>
      ) : (
        <dl className="facts small">
          <dt>Verification</dt><dd>{v.passed ? "passed" : <>failed: {v.problems[0] ?? "see the record"}</>}</dd>
          <dt>Build and tests</dt><dd>{v.modules.length} sample module{v.modules.length === 1 ? "" : "s"} built{v.modules.every((m) => m.build === "passed") ? "" : " (not all passed)"}</dd>
          <dt>Tests</dt><dd>{v.testsRun} run, {v.testsPassed} passed, {v.testsFailed} failed, {v.testsSkipped} skipped</dd>
          <dt>Mutation score</dt><dd>{mutationText(v.mutation)}</dd>
          <dt>Governance</dt><dd>{v.governance}</dd>
          <dt>Verified</dt><dd><time dateTime={v.verifiedAt}>{v.verifiedAt.slice(0, 10)}</time> by factory {v.factoryVersion}</dd>
        </dl>
      )}
      {entry.kind === "template" && (
        <dl className="facts small">
          <dt>Feedback from running modules</dt><dd>{feedbackText(entry.feedback)}</dd>
        </dl>
      )}
    </li>
  );
}

/** The plans whose catalog includes this item, each linking to its prices on the plans page. */
function PlansIncluding({ itemId }: { itemId: string }) {
  const { client } = useSession();
  const [plans, retry] = useLoad(() => client.plans(), [client]);
  return (
    <section aria-labelledby="plans-h">
      <h2 id="plans-h">Plans that include it</h2>
      {plans.kind === "loading" && <Loading what="plans" />}
      {plans.kind === "error" && <ErrorNote error={plans.error} retry={retry} />}
      {plans.kind === "ok" && (plansIncluding(plans.value, itemId).length === 0 ? <Empty>No plan includes it yet.</Empty> : (
        <ul className="includes">
          {plansIncluding(plans.value, itemId).map((p) => (
            <li key={p.planId}><Link href={`/plans#plan-${p.planId}`}>{p.name}</Link> <span className="muted small">({p.planId})</span></li>
          ))}
        </ul>
      ))}
      <p className="small"><Link href="/plans">Compare every plan</Link></p>
    </section>
  );
}

type InstallState = { kind: "idle" } | { kind: "installing" } | { kind: "installed"; entitlement: Entitlement; now: boolean } | { kind: "refused"; error: unknown };

/**
 * Signed out: a link to sign in and come back. Signed in: whether the tenant has the item installed (GET /api/v1/installs)
 * and, if not, "Install into <tenant>"; the plan's refusal is shown in the API's words.
 */
function Install({ itemId }: { itemId: string }) {
  const { client, tenant } = useSession();
  const [state, setState] = useState<InstallState>({ kind: "idle" });
  const [installs, retry] = useLoad(async () => (tenant ? client.installs() : []), [client, tenant]);
  if (!tenant) {
    return (
      <section className="panel" aria-labelledby="install-h">
        <h2 id="install-h">Install</h2>
        <p><Link href={`/sign-in?next=${encodeURIComponent(`/catalog/${encodeURIComponent(itemId)}`)}`}>Sign in to install</Link> {itemId} into your tenant.</p>
      </section>
    );
  }
  const who = tenant.name || tenant.tenantId;
  const existing = installs.kind === "ok" ? installs.value.find((e) => e.itemId === itemId) : undefined;
  const shown = state.kind === "installed" ? state.entitlement : existing;
  const install = async () => {
    setState({ kind: "installing" });
    try {
      setState({ kind: "installed", entitlement: await client.install(itemId), now: true });
    } catch (error) {
      setState({ kind: "refused", error });
    }
  };
  return (
    <section className="panel" aria-labelledby="install-h">
      <h2 id="install-h">Install</h2>
      {installs.kind === "loading" && <Loading what="your installs" />}
      {installs.kind === "error" && <ErrorNote error={installs.error} retry={retry} />}
      {installs.kind === "ok" && (shown ? (
        <p className="installed" role="status">
          {state.kind === "installed" && state.now ? "Installed" : "Installed already"}: {shown.itemId} ({shown.kind}) in {who} on
          plan {shown.planId}, since {when(shown.installedAt)}.
        </p>
      ) : (
        <>
          <button type="button" onClick={install} disabled={state.kind === "installing"}>
            {state.kind === "installing" ? "Installing…" : `Install into ${who}`}
          </button>
          {state.kind === "refused" && <><ErrorNote error={state.error} /><p className="small"><Link href="/plans">Compare the plans</Link></p></>}
        </>
      ))}
    </section>
  );
}
