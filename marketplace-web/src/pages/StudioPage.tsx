import { useState } from "react";
import { Link, useLocation } from "wouter";
import type { Project, Run } from "../api/types";
import { useSession } from "../auth/session";
import { Empty, ErrorNote, Loading, Page, StatusBadge, TableWrap, useLoad, when } from "../components/ui";

export function StudioPage() {
  const { client, tenant } = useSession();
  const [data, retry] = useLoad(async () => {
    const [projects, runs] = await Promise.all([client.projects(), client.runs()]);
    return { projects, runs };
  }, [client]);
  return (
    <Page title="Studio" lead={<>Projects of <strong>{tenant?.name ?? tenant?.tenantId}</strong>, their runs, and what needs you.</>}>
      <p><Link href="/studio/new" className="button">Start a run from a blueprint</Link>{" "}
        <Link href="/studio/intent" className="button">Describe a product</Link></p>
      {data.kind === "loading" && <Loading what="projects" />}
      {data.kind === "error" && <ErrorNote error={data.error} retry={retry} />}
      {data.kind === "ok" && <Projects projects={data.value.projects} runs={data.value.runs} />}
      <Installed />
    </Page>
  );
}

/** The tenant's entitlements: what it installed from the catalog, on which plan, when. */
function Installed() {
  const { client } = useSession();
  const [installs, retry] = useLoad(() => client.installs(), [client]);
  return (
    <section aria-labelledby="installed-h">
      <h2 id="installed-h">Installed</h2>
      {installs.kind === "loading" && <Loading what="installed items" />}
      {installs.kind === "error" && <ErrorNote error={installs.error} retry={retry} />}
      {installs.kind === "ok" && (installs.value.length === 0 ? (
        <Empty>Nothing installed yet. Open an item in the <Link href="/">catalog</Link> and install it.</Empty>
      ) : (
        <ul className="includes">
          {installs.value.map((e) => (
            <li key={e.itemId}><Link href={`/catalog/${encodeURIComponent(e.itemId)}`}>{e.itemId}</Link>{" "}
              <span className="muted small">{e.kind} · plan {e.planId} · {when(e.installedAt)}</span></li>
          ))}
        </ul>
      ))}
    </section>
  );
}

function Projects({ projects, runs }: { projects: Project[]; runs: Run[] }) {
  const waiting = runs.filter((r) => r.status === "waiting-for-approval").length;
  return (
    <>
      {waiting > 0 && <p className="notice"><Link href="/studio/approvals">{waiting} run{waiting === 1 ? " is" : "s are"} waiting for your approval</Link></p>}
      <section aria-labelledby="projects-h">
        <h2 id="projects-h">Projects</h2>
        {projects.length === 0 ? (
          <Empty>No projects yet. A project appears when you upload its first blueprint: <Link href="/studio/new">upload one</Link>.</Empty>
        ) : (
          <ul className="cards">
            {projects.map((p) => {
              const mine = runs.filter((r) => r.projectId === p.projectId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
              return (
                <li key={p.projectId} className="card">
                  <h3>{p.name}</h3>
                  <p className="muted small"><code>{p.projectId}</code> · updated {when(p.updatedAt)}</p>
                  {p.description && <p>{p.description}</p>}
                  {mine.length === 0 ? <p className="small">No runs yet.</p> : (
                    <>
                      <p className="small">{mine.length} run{mine.length === 1 ? "" : "s"}; latest{" "}
                        <Link href={`/studio/runs/${encodeURIComponent(mine[0].runId)}`}>{mine[0].runId}</Link>{" "}
                        <StatusBadge status={mine[0].status} /></p>
                      <RunAgain blueprintId={mine[0].blueprintId} version={mine[0].blueprintVersion} />
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}

/** Starts a new run of a stored blueprint version (no upload) and opens its live page. */
function RunAgain({ blueprintId, version }: { blueprintId: string; version: number }) {
  const { client } = useSession();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const run = await client.startRun(blueprintId, version);
      navigate(`/studio/runs/${encodeURIComponent(run.runId)}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={start} disabled={busy}>
        {busy ? "Starting…" : `Run ${blueprintId} v${version} again`}
      </button>
      {error !== undefined && <ErrorNote error={error} />}
    </>
  );
}

export function RunsPage() {
  const { client } = useSession();
  const [runs, retry] = useLoad(() => client.runs(), [client]);
  return (
    <Page title="Runs">
      {runs.kind === "loading" && <Loading what="runs" />}
      {runs.kind === "error" && <ErrorNote error={runs.error} retry={retry} />}
      {runs.kind === "ok" && (runs.value.length === 0 ? (
        <Empty>No runs yet. <Link href="/studio/new">Start one from a blueprint</Link>.</Empty>
      ) : (
        <TableWrap label="Runs">
          <table>
            <caption className="visually-hidden">Runs, newest first</caption>
            <thead><tr><th scope="col">Run</th><th scope="col">Product</th><th scope="col">Status</th><th scope="col">Modules</th><th scope="col">Started</th></tr></thead>
            <tbody>
              {[...runs.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((r) => (
                <tr key={r.runId}>
                  <td><Link href={`/studio/runs/${encodeURIComponent(r.runId)}`}>{r.runId}</Link></td>
                  <td>{r.productName}</td>
                  <td><StatusBadge status={r.status} /></td>
                  <td>{r.modules.length}</td>
                  <td>{when(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </Page>
  );
}

export function UsagePage() {
  const { client } = useSession();
  const [usage, retry] = useLoad(() => client.usage(), [client]);
  return (
    <Page title="Usage" lead="What your tenant has consumed, per meter.">
      {usage.kind === "loading" && <Loading what="usage" />}
      {usage.kind === "error" && <ErrorNote error={usage.error} retry={retry} />}
      {usage.kind === "ok" && (Object.keys(usage.value.totals).length === 0 ? <Empty>Nothing consumed yet.</Empty> : (
        <TableWrap label="Usage per meter">
          <table>
            <caption className="visually-hidden">Consumption per meter</caption>
            <thead><tr><th scope="col">Meter</th><th scope="col" className="num">Quantity</th></tr></thead>
            <tbody>
              {Object.entries(usage.value.totals).map(([meter, q]) => (
                <tr key={meter}><td>{meter}</td><td className="num">{q.toLocaleString()}</td></tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </Page>
  );
}
