import { Link } from "wouter";
import type { Artifact, LineageNode } from "../api/types";
import { useSession } from "../auth/session";
import { Empty, ErrorNote, Loading, Page, useLoad, when } from "../components/ui";

const href = (id: string) => `/studio/artifacts/${encodeURIComponent(id)}`;

export function ArtifactPage({ id }: { id: string }) {
  const { client } = useSession();
  const [lineage, retry] = useLoad(() => client.lineage(id), [client, id]);
  if (lineage.kind === "loading") return <Page title={`Artifact ${id}`}><Loading what="the artifact" /></Page>;
  if (lineage.kind === "error") return <Page title={`Artifact ${id}`}><ErrorNote error={lineage.error} retry={retry} /></Page>;
  const { artifact: a, madeFrom, usedBy } = lineage.value;
  return (
    <Page title={`${a.artifactType}: ${a.name}`}>
      <dl className="facts">
        <dt>Id</dt><dd><code>{a.artifactId}</code></dd>
        {a.runId && <><dt>Run</dt><dd><Link href={`/studio/runs/${encodeURIComponent(a.runId)}`}>{a.runId}</Link></dd></>}
        {a.moduleId && <><dt>Module</dt><dd><code>{a.moduleId}</code></dd></>}
        {a.sourceBlueprintId && <><dt>Blueprint</dt><dd><code>{a.sourceBlueprintId}</code></dd></>}
        {a.producedBySkillId && <><dt>Produced by</dt><dd>{a.producedByAgentId} · {a.producedBySkillId}</dd></>}
        {a.contentHash && <><dt>Content hash</dt><dd><code className="wrap">{a.contentHash}</code></dd></>}
        {typeof a.storageRef === "string" && <><dt>Stored at</dt><dd><code className="wrap">{a.storageRef}</code></dd></>}
        <dt>Created</dt><dd>{when(a.createdAt)}</dd>
      </dl>
      <section aria-labelledby="made-h">
        <h2 id="made-h">Made from</h2>
        {madeFrom.length === 0 ? <Empty>Nothing: this is where the lineage starts.</Empty> : <Tree nodes={madeFrom} />}
      </section>
      <section aria-labelledby="used-h">
        <h2 id="used-h">Used by</h2>
        {usedBy.length === 0 ? <Empty>Nothing uses this artifact yet.</Empty> : (
          <ul>{usedBy.map((u) => <UsedBy key={typeof u === "string" ? u : u.artifactId} item={u} />)}</ul>
        )}
      </section>
    </Page>
  );
}

function Tree({ nodes }: { nodes: LineageNode[] }) {
  return (
    <ul className="tree">
      {nodes.map((n) => (
        <li key={n.artifactId}>
          {n.artifactType ? <Link href={href(n.artifactId)}>{n.artifactType}: {n.name}</Link> : <span><code>{n.artifactId}</code> (no longer stored)</span>}
          {n.madeFrom && n.madeFrom.length > 0 && <Tree nodes={n.madeFrom} />}
        </li>
      ))}
    </ul>
  );
}

function UsedBy({ item }: { item: Artifact | string }) {
  if (typeof item === "string") return <li><Link href={href(item)}>{item}</Link></li>;
  return <li><Link href={href(item.artifactId)}>{item.artifactType}: {item.name}</Link></li>;
}
