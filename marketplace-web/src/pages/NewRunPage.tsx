import { useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { ApiError } from "../api/client";
import type { LocatedProblem, UploadedBlueprint } from "../api/types";
import { useSession } from "../auth/session";
import { ErrorNote, Page } from "../components/ui";

/** The factory refuses bodies over 2 MiB; a larger file is refused here before it is sent. */
export const MAX_BYTES = 2 * 1024 * 1024;
const FORMATS = /\.(ya?ml|jdl|jh)$/i;

type State =
  | { kind: "idle" }
  | { kind: "busy" }
  | { kind: "refused"; fileName: string; title: string; problems: LocatedProblem[]; lines: string[] }
  | { kind: "failed"; error: unknown }
  | { kind: "uploaded"; blueprint: UploadedBlueprint }
  | { kind: "starting"; blueprint: UploadedBlueprint }
  | { kind: "start-failed"; blueprint: UploadedBlueprint; error: unknown };

export function NewRunPage() {
  const { client } = useSession();
  const [, navigate] = useLocation();
  const [file, setFile] = useState<File>();
  const [state, setState] = useState<State>({ kind: "idle" });
  const [choiceError, setChoiceError] = useState<string>();

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setChoiceError("Choose a blueprint file first.");
      return;
    }
    if (!FORMATS.test(file.name)) {
      setChoiceError(`${file.name} is neither a YAML blueprint (.yaml, .yml) nor a JDL file (.jdl, .jh): choose one of those.`);
      return;
    }
    if (file.size > MAX_BYTES) {
      setChoiceError(`${file.name} is ${(file.size / 1048576).toFixed(1)} MiB; the factory takes files up to 2 MiB.`);
      return;
    }
    setChoiceError(undefined);
    setState({ kind: "busy" });
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      setState({ kind: "failed", error });
      return;
    }
    try {
      setState({ kind: "uploaded", blueprint: await client.uploadBlueprint(file.name, text) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.problems.length > 0) {
        setState({ kind: "refused", fileName: file.name, title: err.title, problems: err.problems, lines: text.split(/\r?\n/) });
      } else {
        setState({ kind: "failed", error: err });
      }
    }
  };

  const start = async (blueprint: UploadedBlueprint) => {
    setState({ kind: "starting", blueprint });
    try {
      const run = await client.startRun(blueprint.blueprintId, blueprint.version);
      navigate(`/studio/runs/${encodeURIComponent(run.runId)}`);
    } catch (error) {
      setState({ kind: "start-failed", blueprint, error });
    }
  };

  return (
    <Page title="Start a run" lead="Upload a YAML blueprint or a JHipster JDL file. The factory checks it first: a file with problems is refused, shows where, and nothing is stored.">
      <form className="form narrow" onSubmit={upload} noValidate>
        <label htmlFor="blueprint-file">Blueprint file (.yaml, .yml, .jdl or .jh, up to 2 MiB)</label>
        <input id="blueprint-file" type="file" accept=".yaml,.yml,.jdl,.jh"
          aria-invalid={choiceError ? true : undefined} aria-describedby={choiceError ? "file-error" : undefined}
          onChange={(e) => { setFile(e.target.files?.[0]); setChoiceError(undefined); setState({ kind: "idle" }); }} />
        {choiceError && <p id="file-error" className="field-error" role="alert">{choiceError}</p>}
        <button type="submit" disabled={state.kind === "busy" || state.kind === "starting"}>
          {state.kind === "busy" ? "Checking…" : "Check and upload"}
        </button>
      </form>

      {state.kind === "refused" && <Problems {...state} />}
      {state.kind === "failed" && <ErrorNote error={state.error} />}
      {(state.kind === "uploaded" || state.kind === "starting" || state.kind === "start-failed") && (
        <section className="panel" aria-labelledby="uploaded-h">
          <h2 id="uploaded-h">Blueprint {state.blueprint.blueprintId} version {state.blueprint.version} is stored</h2>
          <p>Project <code>{state.blueprint.projectId}</code>, {state.blueprint.modules.length} module{state.blueprint.modules.length === 1 ? "" : "s"}:</p>
          <ul>{state.blueprint.modules.map((m) => <li key={m.name}><strong>{m.name}</strong>: {m.entities.join(", ")}</li>)}</ul>
          {state.blueprint.warnings.length > 0 && (
            <>
              <h3>Warnings</h3>
              <ul>{state.blueprint.warnings.map((w, i) => <li key={i}>line {w.line}, column {w.column}: {w.message}</li>)}</ul>
            </>
          )}
          <button type="button" onClick={() => start(state.blueprint)} disabled={state.kind === "starting"}>
            {state.kind === "starting" ? "Starting…" : "Start the run"}
          </button>
          {state.kind === "start-failed" && <ErrorNote error={state.error} />}
        </section>
      )}
    </Page>
  );
}

/** The file's text (FileReader: every browser and test DOM has it). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read`));
    reader.readAsText(file);
  });
}

function Problems({ fileName, title, problems, lines }: { fileName: string; title: string; problems: LocatedProblem[]; lines: string[] }) {
  return (
    <section className="error" role="alert" aria-labelledby="problems-h">
      <h2 id="problems-h" className="error-title">{fileName} was refused: {problems.length} problem{problems.length === 1 ? "" : "s"}</h2>
      <p>{title[0].toUpperCase() + title.slice(1)}. Fix the file and upload it again.</p>
      <ol className="problems">
        {problems.map((p, i) => (
          <li key={i}>
            <p><strong>Line {p.line}, column {p.column}</strong>: {p.message}</p>
            {p.hint && <p className="small">Hint: {p.hint}</p>}
            {p.line >= 1 && p.line <= lines.length && (
              <pre className="excerpt" aria-label={`line ${p.line} of ${fileName}`}><code>{`${p.line} | ${lines[p.line - 1]}\n${" ".repeat(String(p.line).length)} | ${" ".repeat(Math.max(0, p.column - 1))}^`}</code></pre>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
