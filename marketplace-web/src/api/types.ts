// The factory's HTTP API as this app reads it (docs/http-api.md; GET /api/openapi.json).

export interface ModuleFigures {
  module: string;
  files: number;
  lines: number;
  governance: string;
  build: string;
  testsRun: number;
  testsPassed: number;
  testsFailed: number;
  testsSkipped: number;
  buildMs: number;
  mutation?: Mutation | null;
}

/** PIT's figures for the generated tests: killed of mutants, or why nothing was measured (mutants 0, note). */
export interface Mutation {
  mutants: number;
  killed: number;
  note: string;
}

export interface TemplateVerification {
  templateRef: string;
  contentHash: string;
  passed: boolean;
  problems: string[];
  modules: ModuleFigures[];
  renderMs: number;
  governance: string;
  testsRun: number;
  testsPassed: number;
  testsFailed: number;
  testsSkipped: number;
  buildMs: number;
  factoryVersion: string;
  verifiedAt: string;
  /** Absent or null when the version was verified without mutation testing (templates verify --no-mutation). */
  mutation?: Mutation | null;
  /** The runtime library versions its modules were built with (id@version); absent on older records. */
  libraries?: string[];
}

/** One version of a template or library (GET /api/v1/templates). */
export interface CatalogEntry {
  kind: "template" | "library";
  id: string;
  version: string;
  name: string;
  category: string;
  model: string;
  description: string;
  files: number;
  contentHash: string;
  usable: boolean;
  refusal?: string | null;
  verification?: TemplateVerification | null;
  /** Why a verification shipped with the catalog does not count (it verified other content); absent otherwise. */
  staleVerification?: string | null;
  /** What the version's generated modules reported once they ran (webhook feedback); null when nothing came back. */
  feedback?: TemplateFeedback | null;
}

/** Feedback counts of a template version over every tenant (counts only). */
export interface TemplateFeedback {
  items: number;
  buildFailures: number;
  buildSuccesses: number;
  alertsFired: number;
  pushes: number;
  lastAt?: string | null;
}

export interface SearchHit {
  id: string;
  kind: string;
  title: string;
  source: string;
  scope: "platform" | "tenant";
  score: number;
  snippet: string;
}

export interface SearchResults {
  tenantId: string;
  query: string;
  tookMs: number;
  hits: SearchHit[];
}

export interface Tenant {
  tenantId: string;
  name: string;
  plan?: string;
}

export interface Project {
  tenantId: string;
  projectId: string;
  name: string;
  description?: string;
  createdAt: string;
  updatedAt: string;
}

/** A problem located in an uploaded file (400 problem+json `problems`). */
export interface LocatedProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export interface UploadedBlueprint {
  tenantId: string;
  projectId: string;
  blueprintId: string;
  version: number;
  format: string;
  fileName: string;
  createdAt: string;
  modules: { name: string; entities: string[] }[];
  warnings: LocatedProblem[];
}

export type RunStatus =
  | "running"
  | "waiting-for-approval"
  | "completed"
  | "partially-completed"
  | "failed"
  | "cancelled";

export interface StageRecord {
  name: string;
  status: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  detail?: string;
}

export interface CheckResult {
  policyId?: string;
  decision?: string;
  reasons?: string[];
}

export interface ModuleResult {
  moduleId: string;
  name: string;
  render: string;
  files: number;
  lines: number;
  governance: string;
  governanceReasons: string[];
  build: string;
  testsRun: number;
  testsPassed: number;
  testsFailed: number;
  buildMs: number;
  buildReason?: string;
  templateRef?: string;
}

export interface Run {
  tenantId: string;
  runId: string;
  projectId: string;
  productName: string;
  blueprintId: string;
  blueprintVersion: number;
  templateRef: string;
  status: RunStatus;
  stages: StageRecord[];
  modules: ModuleResult[];
  branch?: string | null;
  commitId?: string | null;
  failure?: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StartedRun {
  runId: string;
  status: RunStatus;
  traceId: string;
}

export interface Artifact {
  tenantId: string;
  artifactId: string;
  artifactType: string;
  name: string;
  projectId?: string;
  moduleId?: string | null;
  runId?: string | null;
  version?: string;
  contentHash?: string;
  producedByAgentId?: string;
  producedBySkillId?: string;
  traceId?: string;
  sourceBlueprintId?: string;
  inputArtifactIds?: string[];
  createdAt?: string;
  [more: string]: unknown;
}

export interface LineageNode {
  artifactId: string;
  artifactType?: string;
  name?: string;
  madeFrom?: LineageNode[];
}

export interface Lineage {
  artifact: Artifact;
  madeFrom: LineageNode[];
  usedBy: (Artifact | string)[];
}

export interface Usage {
  tenantId: string;
  totals: Record<string, number>;
}

export const TERMINAL: ReadonlySet<RunStatus> = new Set(["completed", "partially-completed", "failed", "cancelled"]);

/** A proposed module (POST /api/v1/intents): its entities, each entity's fields, and the events it publishes. */
export interface ProposedModule {
  name: string;
  entities: string[];
  entityFields?: { entity: string; fields: { name: string; type: string; required: boolean }[] }[];
  events?: { name: string; entity: string; on: string }[];
}

export interface AgentTaskView {
  taskId: string;
  skillId: string;
  state: string;
  attempts: number;
  tokens: number;
}

/** What an intent became: a proposal to review (its blueprint YAML) or a failed proposal with its reason and problems. */
export type Proposal =
  | { status: "proposed"; proposalId: string; product: string; modules: ProposedModule[]; yaml: string; warnings: string[];
      tasks: AgentTaskView[]; tokens: number; intentArtifactId: string; proposalArtifactId: string }
  | { status: "failed"; proposalId: string; reason: string; problems: string[]; tasks: AgentTaskView[]; tokens: number };

/** One meter's price in a plan: `unitPrice` (a decimal string) per `per` units, `included` units a month at no charge. */
export interface MeterPrice {
  meter: string;
  unit: string;
  unitPrice: string;
  per: number;
  included: number;
}

/** A plan (GET /api/v1/plans, public): base fee, prices per meter, quotas (null or absent: no limit) and the catalog items it includes. */
export interface Plan {
  planId: string;
  version: string;
  name: string;
  description: string;
  currency: string;
  baseFee: string;
  meters: MeterPrice[];
  quotas: Record<string, number | null | undefined>;
  includes: string[];
}

/** An item installed into the signed-in tenant (POST/GET /api/v1/installs). */
export interface Entitlement {
  itemId: string;
  kind: string;
  planId: string;
  installedAt: string;
}

/** A run started from a proposal (POST /api/v1/intents/{proposalId}/run): its lineage starts at the intent. */
export interface ProposalRun extends StartedRun {
  proposalId: string;
  intentArtifactId: string;
  proposalArtifactId: string;
}
