import { describe, expect, it } from "vitest";
import { DEVELOPER, TEAM } from "../test/plans";
import { baseFeeText, meterLabel, money, plansIncluding, priceText, quantity, quotaRows } from "./plans";

describe("plan figures in words", () => {
  it("writes money with the decimals the price has, at least two", () => {
    expect(money("0.40", "USD")).toBe("$0.40");
    expect(money("0.005", "USD")).toBe("$0.005");
    expect(money("499.00", "USD")).toBe("$499.00");
    expect(money("12", "EUR")).toBe("€12.00");
  });

  it("writes quantities in the units people buy: GiB and TiB, minutes, counts", () => {
    expect(quantity(5368709120, "byte")).toBe("5 GiB");
    expect(quantity(1099511627776, "byte")).toBe("1 TiB");
    expect(quantity(1500, "byte")).toBe("1,500 bytes");
    expect(quantity(300000, "second")).toBe("5,000 minutes");
    expect(quantity(60, "second")).toBe("1 minute");
    expect(quantity(61, "second")).toBe("61 seconds");
    expect(quantity(2000000, "token")).toBe("2,000,000 tokens");
    expect(quantity(1, "run")).toBe("1 run");
  });

  it("prices per unit, per minute, per thousand tokens and per GiB, or no charge", () => {
    const [runs, build, tokens, bytes] = TEAM.meters;
    expect(priceText(runs, "USD")).toBe("$0.40 per run");
    expect(priceText(build, "USD")).toBe("$0.008 per minute");
    expect(priceText(tokens, "USD")).toBe("$0.002 per 1,000 tokens");
    expect(priceText(bytes, "USD")).toBe("$0.05 per GiB");
    expect(priceText(DEVELOPER.meters[0], "USD")).toBe("no charge");
  });

  it("says free or the monthly fee, names meters, and writes each quota or that it has no limit", () => {
    expect(baseFeeText(DEVELOPER)).toBe("Free");
    expect(baseFeeText(TEAM)).toBe("$49.00 a month");
    expect(meterLabel("build-seconds")).toBe("Build time");
    expect(meterLabel("new-meter")).toBe("new-meter");
    expect(quotaRows(TEAM)).toEqual([
      { label: "Runs a month", value: "3,000 runs" },
      { label: "Build minutes a month", value: "20,000 minutes" },
      { label: "Agent tokens a month", value: "no limit" },
      { label: "Stored data", value: "1 TiB" },
    ]);
  });

  it("lists every known quota in a fixed order, one the API left out as no limit, then any other the plan names", () => {
    const enterprise = { ...TEAM, quotas: { storedBytes: 10995116277760, buildMinutesPerMonth: 500000, seatsPerMonth: 12 } };
    expect(quotaRows(enterprise)).toEqual([
      { label: "Runs a month", value: "no limit" },
      { label: "Build minutes a month", value: "500,000 minutes" },
      { label: "Agent tokens a month", value: "no limit" },
      { label: "Stored data", value: "10 TiB" },
      { label: "seatsPerMonth", value: "12" },
    ]);
  });

  it("finds the plans that include an item, exactly by id", () => {
    expect(plansIncluding([DEVELOPER, TEAM], "ConnectSoft.Extensions.Runtime").map((p) => p.planId)).toEqual(["team"]);
    expect(plansIncluding([DEVELOPER, TEAM], "T.Svc").map((p) => p.planId)).toEqual(["developer", "team"]);
    expect(plansIncluding([DEVELOPER, TEAM], "T.Sv")).toEqual([]);
  });
});
