import { useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import type { Proposal, ProposedModule } from "../api/types";
import { useSession } from "../auth/session";
import { ErrorNote, Page } from "../components/ui";

/** The factory takes 10 to 4,000 characters of description (docs/agents.md); checked here before anything is sent. */
export const MIN_CHARS = 10;
export const MAX_CHARS = 4000;

type Proposed = Extract<Proposal, { status: "proposed" }>;

type State =
  | { kind: "idle" }
  | { kind: "proposing" }
  | { kind: "failed"; error: unknown }
  | { kind: "not-proposed"; proposal: Extract<Proposal, { status: "failed" }> }
  | { kind: "review"; proposal: Proposed }
  | { kind: "starting"; proposal: Proposed }
  | { kind: "start-failed"; proposal: Proposed; error: unknown };

/**
 * Start a run from plain language: the description becomes a proposal (modules, entities with their fields, events)
 * shown for review; "Run this proposal" starts the run of the stored proposal (its blueprint checked again by the
 * factory, its lineage starting at the intent), "Discard" forgets it. Nothing runs before the user says so.
 */
export function IntentPage() {
  const { client } = useSession();
  const [, navigate] = useLocation();
  const [text, setText] = useState("");
  const [textError, setTextError] = useState<string>();
  const [state, setState] = useState<State>({ kind: "idle" });

  const propose = async (e: FormEvent) => {
    e.preventDefault();
    const t = text.trim();
    if (t.length < MIN_CHARS || t.length > MAX_CHARS) {
      setTextError(t.length < MIN_CHARS
        ? `Describe the product in at least ${MIN_CHARS} characters: who uses it and what they keep track of.`
        : `The description is ${t.length} characters; the factory takes up to ${MAX_CHARS}. Shorten it.`);
      return;
    }
    setTextError(undefined);
    setState({ kind: "proposing" });
    try {
      const proposal = await client.proposeIntent(t);
      setState(proposal.status === "proposed" ? { kind: "review", proposal } : { kind: "not-proposed", proposal });
    } catch (error) {
      setState({ kind: "failed", error });
    }
  };

  const run = async (proposal: Proposed) => {
    setState({ kind: "starting", proposal });
    try {
      const started = await client.runProposal(proposal.proposalId);
      navigate(`/studio/runs/${encodeURIComponent(started.runId)}`);
    } catch (error) {
      setState({ kind: "start-failed", proposal, error });
    }
  };

  const busy = state.kind === "proposing" || state.kind === "starting";
  return (
    <Page title="Describe a product" lead="Say in plain language what the product is for, who uses it and what it keeps track of. The factory proposes modules, entities, fields and events for you to review; nothing runs until you say so.">
      <form className="form narrow" onSubmit={propose} noValidate>
        <label htmlFor="intent-text">Description (10 to 4,000 characters)</label>
        <textarea id="intent-text" rows={6} value={text} maxLength={MAX_CHARS + 100}
          aria-invalid={textError ? true : undefined} aria-describedby={textError ? "intent-error" : undefined}
          onChange={(e) => { setText(e.target.value); setTextError(undefined); }} />
        {textError && <p id="intent-error" className="field-error" role="alert">{textError}</p>}
        <button type="submit" disabled={busy}>{state.kind === "proposing" ? "Proposing…" : "Propose"}</button>
      </form>

      {state.kind === "failed" && <ErrorNote error={state.error} />}
      {state.kind === "not-proposed" && (
        <div className="error" role="alert">
          <p className="error-title">No usable proposal came of this description</p>
          <p>{state.proposal.reason}</p>
          {state.proposal.problems.length > 0 && <ul>{state.proposal.problems.map((p, i) => <li key={i}>{p}</li>)}</ul>}
          <p>Reword the description (name the things it keeps and what they hold) and propose again.</p>
        </div>
      )}
      {(state.kind === "review" || state.kind === "starting" || state.kind === "start-failed") && (
        <section className="panel" aria-labelledby="proposal-h">
          <h2 id="proposal-h">Proposal for {state.proposal.product}</h2>
          <p>{state.proposal.modules.length} module{state.proposal.modules.length === 1 ? "" : "s"}, proposed
            with {state.proposal.tokens} model token{state.proposal.tokens === 1 ? "" : "s"}. Review it, then run it or discard it.</p>
          {state.proposal.modules.map((m) => <ModuleReview key={m.name} module={m} />)}
          {state.proposal.warnings.length > 0 && (
            <>
              <h3>Warnings</h3>
              <ul>{state.proposal.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
            </>
          )}
          <details>
            <summary>The blueprint (YAML)</summary>
            <pre className="excerpt"><code>{state.proposal.yaml}</code></pre>
          </details>
          <div className="row">
            <button type="button" onClick={() => run(state.proposal)} disabled={state.kind === "starting"}>
              {state.kind === "starting" ? "Starting…" : "Run this proposal"}
            </button>
            <button type="button" className="secondary" disabled={state.kind === "starting"}
              onClick={() => setState({ kind: "idle" })}>Discard</button>
          </div>
          {state.kind === "start-failed" && <ErrorNote error={state.error} />}
        </section>
      )}
    </Page>
  );
}

function ModuleReview({ module }: { module: ProposedModule }) {
  const fields = new Map((module.entityFields ?? []).map((e) => [e.entity, e.fields]));
  return (
    <section aria-label={`module ${module.name}`}>
      <h3>Module {module.name}</h3>
      <ul>
        {module.entities.map((entity) => (
          <li key={entity}>
            <strong>{entity}</strong>
            {(fields.get(entity) ?? []).length > 0 && (
              <>: {(fields.get(entity) ?? []).map((f) => `${f.name} (${f.type}${f.required ? ", required" : ""})`).join(", ")}</>
            )}
          </li>
        ))}
      </ul>
      {(module.events ?? []).length > 0 && (
        <p>Events: {(module.events ?? []).map((e) => `${e.name} (when a ${e.entity} is ${e.on})`).join(", ")}</p>
      )}
    </section>
  );
}
