import { describe, expect, it } from "vitest";
import type { SearchHit } from "../api/types";
import { hitLink } from "./hits";

const hit = (id: string, kind: string, source: string): SearchHit => ({ id, kind, source, title: "t", scope: "tenant", score: 1, snippet: "" });

describe("hitLink", () => {
  it("opens a template's listing, a run, and a module's run; blueprints and JDL samples have no page", () => {
    expect(hitLink(hit("template:ConnectSoft.Template.FunctionsMicroservice@1.4.2", "template", "x"))).toBe("/catalog/ConnectSoft.Template.FunctionsMicroservice");
    expect(hitLink(hit("run:run-01m8q3hsvv57f7jad7", "run", "run-01m8q3hsvv57f7jad7"))).toBe("/studio/runs/run-01m8q3hsvv57f7jad7");
    expect(hitLink(hit("module:proj-notes/module-notes", "module", "run-01m8q3hsvv57f7jad7 T@1.4.2"))).toBe("/studio/runs/run-01m8q3hsvv57f7jad7");
    expect(hitLink(hit("module:p/m", "module", "javascript:alert(1) x"))).toBeUndefined();
    expect(hitLink(hit("blueprint:bp-notes", "blueprint", "notes.blueprint.yaml v1"))).toBeUndefined();
    expect(hitLink(hit("jdl-sample:store.jdl", "jdl-sample", "store.jdl"))).toBeUndefined();
  });
});
