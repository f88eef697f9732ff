import { describe, expect, it } from "vitest";
import { safeNext } from "./App";

describe("safeNext", () => {
  it("keeps a path of this app to come back to after signing in, and nothing else", () => {
    expect(safeNext("?next=%2Fcatalog%2FT.Svc")).toBe("/catalog/T.Svc");
    expect(safeNext("next=/studio/runs")).toBe("/studio/runs");
    expect(safeNext("")).toBeUndefined();
    expect(safeNext("?next=https%3A%2F%2Fevil.example")).toBeUndefined();
    expect(safeNext("?next=%2F%2Fevil.example")).toBeUndefined();
    expect(safeNext("?next=%2F%5Cevil.example")).toBeUndefined();
    expect(safeNext("?next=javascript:alert(1)")).toBeUndefined();
  });
});
