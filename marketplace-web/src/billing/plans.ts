import type { MeterPrice, Plan } from "../api/types";

const GIB = 1024 ** 3;
const TIB = 1024 ** 4;
const count = (n: number) => n.toLocaleString("en-US");

const METERS: Record<string, string> = {
  runs: "Runs",
  renders: "Module renders",
  "build-seconds": "Build time",
  "agent-tokens": "Agent tokens",
  "stored-bytes": "Storage",
};

const QUOTAS: Record<string, { label: string; unit: string }> = {
  runsPerMonth: { label: "Runs a month", unit: "run" },
  buildMinutesPerMonth: { label: "Build minutes a month", unit: "minute" },
  agentTokensPerMonth: { label: "Agent tokens a month", unit: "token" },
  storedBytes: { label: "Stored data", unit: "byte" },
};

export function meterLabel(meter: string): string {
  return METERS[meter] ?? meter;
}

/** "$0.40", "$0.005": a decimal string in the plan's currency, with as many decimals as it has (at least two). */
export function money(amount: string, currency: string): string {
  const n = Number(amount);
  if (!Number.isFinite(n)) return `${amount} ${currency}`;
  const decimals = Math.min(6, Math.max(2, (amount.split(".")[1] ?? "").replace(/0+$/, "").length));
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
  } catch {
    return `${n.toFixed(decimals)} ${currency}`;
  }
}

/** "5 GiB", "1,000 minutes", "2,000,000 tokens", "1 run": a quantity of a meter's unit in the words people buy it in. */
export function quantity(n: number, unit: string): string {
  if (unit === "byte") {
    if (n >= TIB && n % TIB === 0) return `${count(n / TIB)} TiB`;
    if (n >= GIB && n % GIB === 0) return `${count(n / GIB)} GiB`;
    return `${count(n)} bytes`;
  }
  if (unit === "second" && n % 60 === 0) return `${count(n / 60)} minute${n === 60 ? "" : "s"}`;
  return `${count(n)} ${unit}${n === 1 ? "" : "s"}`;
}

/** "no charge", "$0.40 per run", "$0.008 per minute", "$0.002 per 1,000 tokens", "$0.05 per GiB". */
export function priceText(m: MeterPrice, currency: string): string {
  if (Number(m.unitPrice) === 0) return "no charge";
  const per = m.per === 1 ? m.unit : quantity(m.per, m.unit).replace(/^1 /, "");
  return `${money(m.unitPrice, currency)} per ${per}`;
}

/** "Free" or "$49.00 a month". */
export function baseFeeText(p: Plan): string {
  return Number(p.baseFee) === 0 ? "Free" : `${money(p.baseFee, p.currency)} a month`;
}

/**
 * Each quota in words, the known ones always and in a fixed order, then any other the plan names; a limit that is null
 * or left out (the API leaves nulls out) is "no limit".
 */
export function quotaRows(p: Plan): { label: string; value: string }[] {
  const quotas = p.quotas ?? {};
  const keys = [...Object.keys(QUOTAS), ...Object.keys(quotas).filter((k) => !(k in QUOTAS))];
  return keys.map((key) => {
    const limit = quotas[key];
    const q = QUOTAS[key] ?? { label: key, unit: "" };
    const value = limit === null || limit === undefined ? "no limit" : q.unit ? quantity(limit, q.unit) : count(limit);
    return { label: q.label, value };
  });
}

/** The plans that include a catalog item, in the order the API lists them. */
export function plansIncluding(plans: Plan[], itemId: string): Plan[] {
  return plans.filter((p) => p.includes.includes(itemId));
}
