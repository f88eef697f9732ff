import { vi } from "vitest";

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Handler = (call: Call) => Response | Promise<Response>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, ...extra }),
    { status, headers: { "Content-Type": "application/problem+json", "X-Correlation-Id": "corr-test-1" } });
}

/** A fetch that records each call and answers from the routes given ("GET /api/v1/runs" → handler). */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const call: Call = { method: init?.method ?? "GET", url, headers: (init?.headers ?? {}) as Record<string, string>, body: init?.body };
    calls.push(call);
    const path = url.split("?")[0];
    const handler = routes[`${call.method} ${path}`] ?? routes[`${call.method} ${url}`];
    if (!handler) return problem(404, `no fake route for ${call.method} ${url}`);
    return handler(call);
  });
  return { fetch: fetchImpl as unknown as typeof fetch, calls };
}
