import { useEffect, useState, type FormEvent } from "react";
import { Link } from "wouter";
import type { Artifact, Run } from "../api/types";
import { useSession } from "../auth/session";
import { watchRun, type RunView } from "../run/watch";
import { ApprovalForm } from "./ApprovalsPage";
import { Empty, ErrorNote, Loading, Page, StatusBadge, TableWrap, useLoad, when } from "../components/ui";

/** A run as it progresses: stages and modules refresh without reloading until the run ends. */
export function RunPage({ id }: { id: string }) {
  const { client } = useSession();
  const [view, setView] = useState<RunView>({ kind: "loading" });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    setView({ kind: "loading" });
    return watchRun(() => client.run(id), setView);
  }, [client, id, generation]);

  if (view.kind === "loading") return <Page title={`Run ${id}`}><Loading what="the run" /></Page>;
  if (view.kind === "missing") {
    return <Page title="Run not found"><div className="error" role="alert"><p className="error-title">Run {id} was not found</p>
      <p>It does not exist, or it belongs to another tenant.</p></div><p><Link href="/studio/runs">All runs</Link></p></Page>;
  }
  if (view.kind === "error") return <Page title={`Run ${id}`}><ErrorNote error={new Error(view.message)} retry={() => setGeneration((g) => g + 1)} /></Page>;
  const run = view.run;
  return (
    <Page title={`Run ${run.runId}`}>
      <p className="run-status" aria-live="polite">
        <span className="muted">Status</span> <StatusBadge status={run.status} />
        {view.kind === "live" && <span className="muted small"> updating live</span>}
        {view.kind === "live" && view.retrying && <span className="small"> (could not refresh: {view.retrying}; retrying)</span>}
      </p>
      <dl className="facts">
        <dt>Product</dt><dd>{run.productName}</dd>
        <dt>Blueprint</dt><dd><code>{run.blueprintId}</code> version {run.blueprintVersion}</dd>
        <dt>Template</dt><dd><code>{run.templateRef}</code></dd>
        <dt>Started</dt><dd>{when(run.createdAt)}</dd>
        {run.commitId && <><dt>Commit</dt><dd><code>{run.commitId.slice(0, 12)}</code> on <code>{run.branch}</code></dd></>}
        {run.failure && <><dt>Failure</dt><dd>{run.failure}</dd></>}
      </dl>
      {run.status === "waiting-for-approval" && (
        <section className="panel" aria-labelledby="approve-h">
          <h2 id="approve-h">Waiting for your approval</h2>
          <ApprovalForm run={run} onAnswered={() => setGeneration((g) => g + 1)} />
        </section>
      )}
      {view.kind === "live" && <CancelRun runId={run.runId} onCancelled={() => setGeneration((g) => g + 1)} />}
      <Stages run={run} />
      <Modules run={run} />
      {view.kind === "done" && <RunArtifacts runId={run.runId} />}
    </Page>
  );
}

/** Stops a run that is still going, after a second, explicit confirmation with a reason. */
function CancelRun({ runId, onCancelled }: { runId: string; onCancelled: () => void }) {
  const { client } = useSession();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  if (!asking) {
    return <p><button type="button" className="secondary" onClick={() => setAsking(true)}>Cancel this run…</button></p>;
  }
  const cancel = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.cancelRun(runId, reason);
      setAsking(false);
      onCancelled();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel form narrow" onSubmit={cancel} aria-label="Cancel the run">
      <label htmlFor="cancel-reason">Why cancel it? (kept with the run)</label>
      <input id="cancel-reason" type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      <div className="row">
        <button type="submit" className="danger" disabled={busy}>Cancel the run</button>
        <button type="button" className="secondary" onClick={() => setAsking(false)}>Keep it running</button>
      </div>
      {error !== undefined && <ErrorNote error={error} />}
    </form>
  );
}

function Stages({ run }: { run: Run }) {
  return (
    <section aria-labelledby="stages-h">
      <h2 id="stages-h">Stages</h2>
      {run.stages.length === 0 ? <Empty>No stage has finished yet.</Empty> : (
        <ol className="stages">
          {run.stages.map((s, i) => (
            <li key={`${s.name}-${i}`} data-stage={s.name}>
              <span className="stage-name">{s.name}</span> <StatusBadge status={s.status} />
              <span className="muted small"> {(s.durationMs / 1000).toFixed(1)} s</span>
              {s.detail && <div className="small">{s.detail}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Modules({ run }: { run: Run }) {
  return (
    <section aria-labelledby="modules-h">
      <h2 id="modules-h">Modules</h2>
      <TableWrap label="Modules">
        <table>
          <caption className="visually-hidden">Each module's progress</caption>
          <thead><tr><th scope="col">Module</th><th scope="col">Render</th><th scope="col">Governance</th><th scope="col">Build</th><th scope="col" className="num">Tests</th></tr></thead>
          <tbody>
            {run.modules.map((m) => (
              <tr key={m.moduleId}>
                <td>{m.name}</td>
                <td><StatusBadge status={m.render} />{m.files > 0 && <span className="muted small"> {m.files} files</span>}</td>
                <td><StatusBadge status={m.governance} />{m.governanceReasons.length > 0 && <div className="small">{m.governanceReasons.join("; ")}</div>}</td>
                <td><StatusBadge status={m.build} />{m.buildReason && <div className="small">{m.buildReason}</div>}</td>
                <td className="num">{m.testsRun > 0 ? `${m.testsPassed}/${m.testsRun}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

/**
 * The order lineage reads in: what a run was made from, on the left, to what it produced, on the right. A run started
 * from a proposal begins at the intent and the proposal its blueprint was made from (recorded outside the run).
 */
const ORDER = ["Intent", "BlueprintProposal", "Blueprint", "ModuleSource", "GovernanceReport", "BuildLog", "BuildReport", "MutationReport", "Commit"];

export function RunArtifacts({ runId }: { runId: string }) {
  const { client } = useSession();
  const [artifacts, retry] = useLoad(async () => {
    const own = await client.runArtifacts(runId);
    const known = new Set(own.map((a) => a.artifactId));
    const origin = new Set(own.filter((a) => a.artifactType === "Blueprint").flatMap((a) => a.inputArtifactIds ?? []).filter((id) => !known.has(id)));
    const before = await Promise.all([...origin].map((id) => client.artifact(id).catch(() => undefined)));
    return [...before.filter((a): a is Artifact => a !== undefined), ...own];
  }, [client, runId]);
  if (artifacts.kind === "loading") return <Loading what="artifacts" />;
  if (artifacts.kind === "error") return <ErrorNote error={artifacts.error} retry={retry} />;
  const columns = lineageColumns(artifacts.value);
  return (
    <section aria-labelledby="lineage-h">
      <h2 id="lineage-h">Artifacts and lineage</h2>
      {artifacts.value.length === 0 ? <Empty>This run produced no artifacts.</Empty> : (
        <ol className="lineage" aria-label="From blueprint to commit">
          {columns.map(([type, list]) => (
            <li key={type} className="lineage-col">
              <h3>{type}</h3>
              <ul>
                {list.map((a) => (
                  <li key={a.artifactId}><Link href={`/studio/artifacts/${encodeURIComponent(a.artifactId)}`}>{a.name}</Link>
                    {a.inputArtifactIds && a.inputArtifactIds.length > 0 && <span className="muted small"> ← {a.inputArtifactIds.length} input{a.inputArtifactIds.length === 1 ? "" : "s"}</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function lineageColumns(artifacts: Artifact[]): [string, Artifact[]][] {
  const byType = new Map<string, Artifact[]>();
  for (const a of artifacts) byType.set(a.artifactType, [...(byType.get(a.artifactType) ?? []), a]);
  const rank = (t: string) => (ORDER.indexOf(t) === -1 ? ORDER.length : ORDER.indexOf(t));
  return [...byType.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
