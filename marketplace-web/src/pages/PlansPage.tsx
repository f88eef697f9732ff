import { Fragment } from "react";
import { Link } from "wouter";
import type { CatalogEntry, Plan } from "../api/types";
import { useSession } from "../auth/session";
import { baseFeeText, meterLabel, priceText, quantity, quotaRows } from "../billing/plans";
import { Empty, ErrorNote, Loading, Page, TableWrap, useLoad } from "../components/ui";

/** Every plan (public): its fee, the price and included quantity of each meter, its quotas and the catalog items it includes. */
export function PlansPage() {
  const { client, tenant } = useSession();
  const [data, retry] = useLoad(async () => {
    const [plans, catalog] = await Promise.all([client.plans(), client.templates().catch((): CatalogEntry[] => [])]);
    return { plans, names: new Map(catalog.map((e) => [e.id, e.name])) };
  }, [client]);
  return (
    <Page title="Plans" lead="What each plan costs, what it includes each month, where it stops, and which templates and libraries you can install with it.">
      {data.kind === "loading" && <Loading what="plans" />}
      {data.kind === "error" && <ErrorNote error={data.error} retry={retry} />}
      {data.kind === "ok" && (data.value.plans.length === 0 ? <Empty>No plans are published yet.</Empty> : (
        <ul className="plans">
          {data.value.plans.map((p) => <PlanCard key={p.planId} plan={p} names={data.value.names} yours={tenant?.plan === p.planId} />)}
        </ul>
      ))}
    </Page>
  );
}

function PlanCard({ plan: p, names, yours }: { plan: Plan; names: Map<string, string>; yours: boolean }) {
  const h = `plan-${p.planId}`;
  return (
    <li className="card plan" id={h} aria-labelledby={`${h}-h`}>
      <h2 id={`${h}-h`}>{p.name}{yours && <> <span className="badge badge-passed">your plan</span></>}</h2>
      <p className="price">{baseFeeText(p)}</p>
      <p>{p.description}</p>
      <TableWrap label={`${p.name}: prices per meter`}>
        <table>
          <caption className="visually-hidden">{p.name}: price and included quantity per meter</caption>
          <thead><tr><th scope="col">Meter</th><th scope="col">Included a month</th><th scope="col">Beyond that</th></tr></thead>
          <tbody>
            {p.meters.map((m) => (
              <tr key={m.meter}><th scope="row">{meterLabel(m.meter)}</th><td>{quantity(m.included, m.unit)}</td><td>{priceText(m, p.currency)}</td></tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <h3>Quotas</h3>
      <dl className="facts small">
        {quotaRows(p).map((q) => <Fragment key={q.label}><dt>{q.label}</dt><dd>{q.value}</dd></Fragment>)}
      </dl>
      <h3>Includes</h3>
      {p.includes.length === 0 ? <p className="small">No catalog items.</p> : (
        <ul className="includes">
          {p.includes.map((id) => <li key={id}><Link href={`/catalog/${encodeURIComponent(id)}`}>{names.get(id) ?? id}</Link> <code className="small">{id}</code></li>)}
        </ul>
      )}
    </li>
  );
}
