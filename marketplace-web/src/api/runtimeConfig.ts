import { API_BASE } from "./client";

/**
 * What a deployment tells the app at start, in `/config.json` next to its files: where the factory's API is. In Azure the
 * factory's Pulumi stack writes it (the function app's origin); `./factory serve` serves the build's own, which says "same
 * origin". Entra ID sign-in settings are not here: the API publishes them at GET /api/v1/auth/config.
 */
export interface RuntimeConfig {
  /** The API's origin (`https://<host>`), or "" for the same origin as the app. */
  apiBaseUrl: string;
}

export const CONFIG_PATH = "/config.json";

/** A config.json that is there but unusable: the app says so instead of calling a wrong API. */
export class RuntimeConfigError extends Error {
  constructor(detail: string) {
    super(`${CONFIG_PATH} is not usable: ${detail}`);
    this.name = "RuntimeConfigError";
  }
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** The origin of an API base URL: https (http only on this machine), no path, query, fragment or credentials. */
export function apiOrigin(value: string): string {
  const hint = 'give the API\'s origin, e.g. "https://factory.azurewebsites.net", or "" for the same origin';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new RuntimeConfigError(`apiBaseUrl "${value}" is not a URL: ${hint}`);
  }
  const local = url.protocol === "http:" && LOCAL_HOSTS.includes(url.hostname);
  if ((url.protocol !== "https:" && !local) || url.pathname !== "/" || url.search || url.hash || url.username || url.password
    || !/^https?:\/\/[^/?#]+\/?$/.test(value)) {
    throw new RuntimeConfigError(`apiBaseUrl "${value}" is not an https origin: ${hint}`);
  }
  return url.origin;
}

/** Reads a config.json body; "" (or no apiBaseUrl) keeps `fallback`, the origin fixed when the app was built. */
export function parseRuntimeConfig(body: unknown, fallback: string = API_BASE): RuntimeConfig {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new RuntimeConfigError('it is not a JSON object: write {"apiBaseUrl": "https://<function app host>"}');
  }
  const value = (body as Record<string, unknown>).apiBaseUrl;
  if (value === undefined || value === "") return { apiBaseUrl: fallback };
  if (typeof value !== "string") throw new RuntimeConfigError("apiBaseUrl is not a string");
  return { apiBaseUrl: apiOrigin(value) };
}

/**
 * Asks for `/config.json` (revalidated, never from a stale cache). No such file (a server that predates it, a dev server
 * without it) keeps the build's origin; a file that is there but wrong is refused with a RuntimeConfigError.
 */
export async function loadRuntimeConfig(fetchImpl: typeof fetch = (i, init) => globalThis.fetch(i, init),
  fallback: string = API_BASE): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetchImpl(CONFIG_PATH, { headers: { Accept: "application/json" }, cache: "no-cache" });
  } catch {
    return { apiBaseUrl: fallback };
  }
  if (!response.ok || !(response.headers.get("Content-Type") ?? "").includes("json")) return { apiBaseUrl: fallback };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new RuntimeConfigError("it is not JSON");
  }
  return parseRuntimeConfig(body, fallback);
}
