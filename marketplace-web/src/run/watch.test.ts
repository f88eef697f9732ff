import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import type { Run, RunStatus } from "../api/types";
import { POLL, nextDelay, watchRun, type RunView, type Scheduler } from "./watch";

function run(status: RunStatus, stages = 0): Run {
  return {
    tenantId: "acme", runId: "run-1", projectId: "p", productName: "Notes", blueprintId: "bp", blueprintVersion: 1, templateRef: "T@1",
    status, modules: [], createdAt: "2026-01-01T00:00:00Z", updatedAt: `2026-01-01T00:00:0${stages}Z`,
    stages: Array.from({ length: stages }, (_, i) => ({ name: `s${i}`, status: "completed", startedAt: "", endedAt: "", durationMs: 1 })),
  };
}

/** A scheduler that runs nothing by itself: the test fires each pending task and sees the delay it asked for. */
function manual() {
  const pending: { ms: number; task: () => void; cancelled: boolean }[] = [];
  const scheduler: Scheduler = {
    after(ms, task) {
      const p = { ms, task, cancelled: false };
      pending.push(p);
      return () => { p.cancelled = true; };
    },
  };
  return {
    scheduler,
    pending,
    async fire() {
      const p = pending.shift();
      if (!p) throw new Error("nothing scheduled");
      if (!p.cancelled) p.task();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("watchRun", () => {
  it("backs off while nothing changes and asks again soon after a change", () => {
    expect(nextDelay(1000, false)).toBe(1600);
    expect(nextDelay(9000, false)).toBe(POLL.max);
    expect(nextDelay(8000, true)).toBe(POLL.first);
  });

  it("reports each snapshot until the run ends, then stops asking", async () => {
    const answers = [run("running", 1), run("running", 1), run("running", 3), run("completed", 7)];
    const views: RunView[] = [];
    const clock = manual();
    watchRun(async () => answers.shift()!, (v) => views.push(v), clock.scheduler);
    await settle();
    expect(views.at(-1)).toMatchObject({ kind: "live" });
    expect(clock.pending[0].ms).toBe(POLL.first);
    await clock.fire(); // unchanged: backs off
    expect(clock.pending[0].ms).toBe(1600);
    await clock.fire(); // changed: soon again
    expect(clock.pending[0].ms).toBe(POLL.first);
    await clock.fire();
    expect(views.map((v) => v.kind)).toEqual(["live", "live", "live", "done"]);
    expect((views.at(-1) as { run: Run }).run.stages).toHaveLength(7);
    expect(clock.pending).toHaveLength(0);
  });

  it("keeps the last snapshot through a transient error and retries later", async () => {
    const answers: (() => Promise<Run>)[] = [
      async () => run("running", 1),
      async () => { throw new ApiError(503, "the factory is busy", "retry shortly"); },
      async () => run("waiting-for-approval", 4),
    ];
    const views: RunView[] = [];
    const clock = manual();
    watchRun(() => answers.shift()!(), (v) => views.push(v), clock.scheduler);
    await settle();
    await clock.fire();
    expect(views[1]).toMatchObject({ kind: "live", retrying: "the factory is busy: retry shortly" });
    expect((views[1] as { run: Run }).run.stages).toHaveLength(1);
    expect(clock.pending[0].ms).toBeGreaterThan(POLL.first);
    await clock.fire();
    expect(views[2]).toMatchObject({ kind: "live" });
    expect(clock.pending).toHaveLength(1); // waiting for approval is not the end: it keeps watching
  });

  it("stops at a run that is not there (another tenant's id answers 404)", async () => {
    const views: RunView[] = [];
    const clock = manual();
    watchRun(async () => { throw new ApiError(404, "run run-x was not found", undefined); }, (v) => views.push(v), clock.scheduler);
    await settle();
    expect(views).toEqual([{ kind: "missing", message: "run run-x was not found" }]);
    expect(clock.pending).toHaveLength(0);
  });

  it("asks nothing more and reports nothing after it is stopped", async () => {
    const views: RunView[] = [];
    const clock = manual();
    let loads = 0;
    const stop = watchRun(async () => { loads++; return run("running", 1); }, (v) => views.push(v), clock.scheduler);
    await settle();
    stop();
    await clock.fire();
    expect(loads).toBe(1);
    expect(views).toHaveLength(1);
  });
});
