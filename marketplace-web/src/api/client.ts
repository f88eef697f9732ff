import type {
  Artifact,
  CatalogEntry,
  Entitlement,
  Lineage,
  LocatedProblem,
  Plan,
  Project,
  Proposal,
  ProposalRun,
  Run,
  SearchResults,
  StartedRun,
  Tenant,
  UploadedBlueprint,
  Usage,
} from "./types";

/**
 * A refusal or fault from the factory, in words: the problem+json `title` and `detail` when the API sent one, else
 * what can be said about the answer. `problems` are the located problems of a refused upload.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly problems: LocatedProblem[] = [],
    readonly correlationId?: string,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  get unauthorized(): boolean {
    return this.status === 401;
  }
}

export interface ClientOptions {
  /** Where the API is: "" for the same origin (the factory serves the app next to /api). */
  baseUrl?: string;
  /** The signed-in tenant's API key, read at each call; undefined when signed out. */
  apiKey?: () => string | undefined;
  /** Without an API key: an Entra ID access token for the API, sent as `Authorization: Bearer` (undefined: none). */
  bearer?: () => Promise<string | undefined>;
  fetch?: typeof fetch;
}

const STATUS_WORDS: Record<number, string> = {
  400: "the request was refused",
  401: "sign-in is needed",
  402: "your plan does not allow this",
  403: "not allowed",
  404: "not found",
  409: "conflict",
  413: "too large",
  429: "too many requests",
  500: "the factory failed",
  502: "the factory is not reachable",
  503: "the factory is busy",
  504: "the factory did not answer in time",
};

/** A problem+json body (or any JSON) turned into an ApiError; a body that is not JSON still gives words. */
async function toError(response: Response): Promise<ApiError> {
  const correlationId = response.headers.get("X-Correlation-Id") ?? undefined;
  const type = response.headers.get("Content-Type") ?? "";
  const fallback = STATUS_WORDS[response.status] ?? `the factory answered ${response.status}`;
  if (type.includes("json")) {
    try {
      const body = (await response.json()) as Record<string, unknown>;
      const title = typeof body.title === "string" && body.title ? body.title : fallback;
      const errors = Array.isArray(body.errors) ? body.errors.filter((e): e is string => typeof e === "string") : [];
      const detail = typeof body.detail === "string" ? body.detail : errors.length > 0 ? errors.join("; ") : undefined;
      const problems = Array.isArray(body.problems) ? (body.problems as LocatedProblem[]) : [];
      return new ApiError(response.status, title, detail, problems, correlationId);
    } catch {
      // a JSON content type with a body that is not JSON: fall through to the status words
    }
  }
  return new ApiError(response.status, fallback, `HTTP ${response.status}`, [], correlationId);
}

const seg = encodeURIComponent;

/** Where the API is when the app is served apart from it (Azure: the function app), fixed when the app is built. */
export const API_BASE: string = (import.meta.env.VITE_FACTORY_API_BASE ?? "").replace(/\/+$/, "");

/** The factory's HTTP API. Every call is scoped by the API key's tenant on the server; the client never names a tenant. */
export class FactoryClient {
  private readonly baseUrl: string;
  private readonly apiKey: () => string | undefined;
  private readonly fetchImpl: typeof fetch;
  private readonly bearer: () => Promise<string | undefined>;

  constructor(options: ClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? API_BASE;
    this.apiKey = options.apiKey ?? (() => undefined);
    this.bearer = options.bearer ?? (async () => undefined);
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  private async request<T>(method: string, path: string, body?: BodyInit, contentType?: string, key?: string): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    const k = key ?? this.apiKey();
    if (k) headers["X-Api-Key"] = k;
    else {
      const token = await this.bearer();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    if (contentType) headers["Content-Type"] = contentType;
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, { method, headers, body });
    } catch {
      throw new ApiError(0, "the factory is not reachable", "check that ./factory serve is running and try again");
    }
    if (!response.ok) throw await toError(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async items<T>(path: string): Promise<T[]> {
    return (await this.request<{ items: T[] }>("GET", path)).items;
  }

  // public catalog
  templates(): Promise<CatalogEntry[]> {
    return this.items("/api/v1/templates");
  }

  templateVersions(id: string): Promise<CatalogEntry[]> {
    return this.items(`/api/v1/templates/${seg(id)}/versions`);
  }

  /** Every plan with its prices per meter, quotas and the catalog items it includes (public). */
  plans(): Promise<Plan[]> {
    return this.items("/api/v1/plans");
  }

  // signed in
  /** The signed-in tenant's installed items (its entitlements). */
  installs(): Promise<Entitlement[]> {
    return this.items("/api/v1/installs");
  }

  /** Installs a template or library into the signed-in tenant; installing it again answers the same entitlement. 402 when the plan excludes it. */
  install(itemId: string): Promise<Entitlement> {
    return this.request("POST", "/api/v1/installs", JSON.stringify({ itemId }), "application/json");
  }

  /** Checks a key without keeping it: the tenant it belongs to, or an ApiError (401 for an unknown, expired or revoked key). */
  tenantOf(key: string): Promise<Tenant> {
    return this.request("GET", "/api/v1/tenant", undefined, undefined, key);
  }

  /** How this deployment signs users in (public): API keys only, or Entra ID with its public settings. */
  authConfig(): Promise<unknown> {
    return this.request("GET", "/api/v1/auth/config");
  }

  /** The tenant of the current credential (an Entra ID token when no API key is kept). */
  tenant(): Promise<Tenant> {
    return this.request("GET", "/api/v1/tenant");
  }

  search(q: string, limit = 20): Promise<SearchResults> {
    return this.request("GET", `/api/v1/search?q=${seg(q)}&limit=${limit}`);
  }

  projects(): Promise<Project[]> {
    return this.items("/api/v1/projects");
  }

  /** Uploads a YAML blueprint or JDL file; its name picks the format. A refused upload stores nothing (ApiError.problems). */
  uploadBlueprint(fileName: string, content: string | Blob): Promise<UploadedBlueprint> {
    return this.request("POST", `/api/v1/blueprints?file=${seg(fileName)}`, content, "application/octet-stream");
  }

  startRun(blueprintId: string, version?: number): Promise<StartedRun> {
    return this.request("POST", "/api/v1/runs", JSON.stringify(version === undefined ? { blueprintId } : { blueprintId, version }),
      "application/json");
  }

  /** Turns a plain-language description into a proposal to review; nothing runs until runProposal. */
  proposeIntent(text: string, name?: string): Promise<Proposal> {
    return this.request("POST", "/api/v1/intents", JSON.stringify(name ? { text, name } : { text }), "application/json");
  }

  /** Starts a run of a reviewed proposal; the factory stores its blueprint as made from the intent, so the run's lineage starts there. */
  runProposal(proposalId: string): Promise<ProposalRun> {
    return this.request("POST", `/api/v1/intents/${seg(proposalId)}/run`);
  }

  runs(): Promise<Run[]> {
    return this.items("/api/v1/runs");
  }

  run(id: string): Promise<Run> {
    return this.request("GET", `/api/v1/runs/${seg(id)}`);
  }

  answerApproval(runId: string, approve: boolean, comment: string): Promise<unknown> {
    return this.request("POST", `/api/v1/runs/${seg(runId)}/${approve ? "approve" : "reject"}`,
      JSON.stringify({ by: "studio", comment }), "application/json");
  }

  /** Asks a running (or waiting) run to stop; 409 when it has already ended. */
  cancelRun(runId: string, reason: string): Promise<unknown> {
    return this.request("POST", `/api/v1/runs/${seg(runId)}/cancel`, JSON.stringify({ reason }), "application/json");
  }

  runArtifacts(runId: string): Promise<Artifact[]> {
    return this.items(`/api/v1/runs/${seg(runId)}/artifacts`);
  }

  artifact(id: string): Promise<Artifact> {
    return this.request("GET", `/api/v1/artifacts/${seg(id)}`);
  }

  lineage(id: string): Promise<Lineage> {
    return this.request("GET", `/api/v1/artifacts/${seg(id)}/lineage`);
  }

  usage(): Promise<Usage> {
    return this.request("GET", "/api/v1/usage");
  }
}
