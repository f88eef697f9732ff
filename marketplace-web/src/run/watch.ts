import { ApiError } from "../api/client";
import { TERMINAL, type Run } from "../api/types";

/** How often a live run page asks again: soon after a change, backing off while nothing changes, and after errors. */
export const POLL = { first: 1000, max: 10_000, factor: 1.6, errorMax: 30_000 } as const;

export function nextDelay(previous: number, changed: boolean): number {
  return changed ? POLL.first : Math.min(POLL.max, Math.round(previous * POLL.factor));
}

/** What distinguishes one snapshot of a run from the next (status, stages, each module's progress). */
export function fingerprint(run: Run): string {
  return JSON.stringify([run.status, run.updatedAt, run.stages.length,
    run.modules.map((m) => [m.render, m.governance, m.build, m.testsRun])]);
}

export type RunView =
  | { kind: "loading" }
  | { kind: "live"; run: Run; retrying?: string }
  | { kind: "done"; run: Run }
  | { kind: "missing"; message: string }
  | { kind: "error"; message: string };

export interface Scheduler {
  after(ms: number, task: () => void): () => void;
}

export const realScheduler: Scheduler = {
  after(ms, task) {
    const t = setTimeout(task, ms);
    return () => clearTimeout(t);
  },
};

/**
 * Follows a run until it ends: loads it, reports each snapshot, and asks again after nextDelay (an error backs off
 * further and is reported without losing the last snapshot). A missing run (404) or a refused key (401/403) stops.
 * Returns a function that stops watching.
 */
export function watchRun(load: () => Promise<Run>, report: (view: RunView) => void, scheduler: Scheduler = realScheduler): () => void {
  let stopped = false;
  let cancel: () => void = () => {};
  let last: Run | undefined;
  let lastPrint = "";
  let delay: number = POLL.first;
  let errorDelay: number = POLL.first;

  const tick = async () => {
    if (stopped) return;
    try {
      const run = await load();
      if (stopped) return;
      const print = fingerprint(run);
      delay = last === undefined ? POLL.first : nextDelay(delay, print !== lastPrint);
      errorDelay = POLL.first;
      last = run;
      lastPrint = print;
      if (TERMINAL.has(run.status)) {
        report({ kind: "done", run });
        return;
      }
      report({ kind: "live", run });
      cancel = scheduler.after(delay, tick);
    } catch (e) {
      if (stopped) return;
      if (e instanceof ApiError && (e.status === 404 || e.status === 401 || e.status === 403)) {
        report({ kind: "missing", message: e.message });
        return;
      }
      const message = e instanceof Error ? e.message : "the run could not be loaded";
      report(last ? { kind: "live", run: last, retrying: message } : { kind: "error", message });
      errorDelay = Math.min(POLL.errorMax, errorDelay * 2);
      cancel = scheduler.after(errorDelay, tick);
    }
  };
  void tick();
  return () => {
    stopped = true;
    cancel();
  };
}
