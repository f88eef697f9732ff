import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import type { Run } from "../api/types";
import { useSession } from "../auth/session";
import { Empty, ErrorNote, Loading, Page, useLoad, when } from "../components/ui";

export function ApprovalsPage() {
  const { client } = useSession();
  const [runs, retry] = useLoad(() => client.runs(), [client]);
  // the API takes an answer at once (202) and the run moves on in the background: an answered run leaves the queue here
  const [answered, setAnswered] = useState<{ runId: string; approved: boolean }[]>([]);
  return (
    <Page title="Approvals" lead="Runs whose modules hold data a human must approve before they are built and committed.">
      {answered.length > 0 && (
        <ul className="notice-list" role="status">
          {answered.map((a) => (
            <li key={a.runId}>Run <Link href={`/studio/runs/${encodeURIComponent(a.runId)}`}>{a.runId}</Link> {a.approved ? "approved: it goes on" : "rejected"}.</li>
          ))}
        </ul>
      )}
      {runs.kind === "loading" && <Loading what="the approval queue" />}
      {runs.kind === "error" && <ErrorNote error={runs.error} retry={retry} />}
      {runs.kind === "ok" && (() => {
        const waiting = runs.value.filter((r) => r.status === "waiting-for-approval" && !answered.some((a) => a.runId === r.runId));
        return waiting.length === 0 ? <Empty>Nothing is waiting for approval.</Empty> : (
          <ul className="cards">
            {waiting.map((r) => (
              <li key={r.runId} className="card">
                <h2 className="h3"><Link href={`/studio/runs/${encodeURIComponent(r.runId)}`}>{r.productName}: {r.runId}</Link></h2>
                <p className="muted small">started {when(r.createdAt)}</p>
                <ApprovalForm run={r} onAnswered={(approved) => setAnswered((a) => [...a, { runId: r.runId, approved }])} />
              </li>
            ))}
          </ul>
        );
      })()}
    </Page>
  );
}

/** Approve or reject a waiting run with a comment; the answer is the API's (409 when the run no longer waits). */
export function ApprovalForm({ run, onAnswered }: { run: Run; onAnswered: (approved: boolean) => void }) {
  const { client } = useSession();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const reasons = run.modules.filter((m) => m.governance === "RequiresApproval");
  const answer = async (approve: boolean, e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await client.answerApproval(run.runId, approve, comment);
      setDone(approve ? "Approved: the run goes on." : "Rejected.");
      onAnswered(approve);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const field = `comment-${run.runId}`;
  return (
    <form onSubmit={(e) => answer(true, e)} className="form">
      {reasons.length > 0 && (
        <ul className="small">
          {reasons.map((m) => <li key={m.moduleId}><strong>{m.name}</strong>: {m.governanceReasons.join("; ") || "needs approval"}</li>)}
        </ul>
      )}
      <label htmlFor={field}>Comment</label>
      <textarea id={field} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
      <div className="row">
        <button type="submit" disabled={busy}>Approve</button>
        <button type="button" className="danger" disabled={busy} onClick={() => answer(false)}>Reject</button>
      </div>
      {done && <p role="status">{done}</p>}
      {error !== undefined && <ErrorNote error={error} />}
    </form>
  );
}
