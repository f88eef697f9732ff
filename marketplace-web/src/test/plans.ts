import type { Plan } from "../api/types";

/** Two plans shaped as GET /api/v1/plans answers them (plans/developer.yaml and plans/team.yaml). */
export const DEVELOPER: Plan = {
  planId: "developer", version: "1.0.0", name: "Developer", description: "For trying the factory.", currency: "USD", baseFee: "0.00",
  meters: [
    { meter: "runs", unit: "run", unitPrice: "0.00", per: 1, included: 200 },
    { meter: "stored-bytes", unit: "byte", unitPrice: "0.00", per: 1073741824, included: 5368709120 },
  ],
  quotas: { runsPerMonth: 200, buildMinutesPerMonth: 1000, agentTokensPerMonth: 2000000, storedBytes: 5368709120 },
  includes: ["ConnectSoft.Template.FunctionsMicroservice", "T.Svc"],
};

export const TEAM: Plan = {
  planId: "team", version: "1.0.0", name: "Team", description: "For a team shipping services every week.", currency: "USD", baseFee: "49.00",
  meters: [
    { meter: "runs", unit: "run", unitPrice: "0.40", per: 1, included: 300 },
    { meter: "build-seconds", unit: "second", unitPrice: "0.008", per: 60, included: 300000 },
    { meter: "agent-tokens", unit: "token", unitPrice: "0.002", per: 1000, included: 10000000 },
    { meter: "stored-bytes", unit: "byte", unitPrice: "0.05", per: 1073741824, included: 53687091200 },
  ],
  quotas: { runsPerMonth: 3000, buildMinutesPerMonth: 20000, agentTokensPerMonth: null, storedBytes: 1099511627776 },
  includes: ["ConnectSoft.Extensions.Runtime", "ConnectSoft.Template.FunctionsMicroservice", "T.Svc"],
};
