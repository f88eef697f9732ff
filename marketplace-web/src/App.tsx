import type { ReactNode } from "react";
import { Link, Route, Switch, useLocation, useSearch } from "wouter";
import { useSession } from "./auth/session";
import { Layout } from "./components/Layout";
import { Page } from "./components/ui";
import { ApprovalsPage } from "./pages/ApprovalsPage";
import { ArtifactPage } from "./pages/ArtifactPage";
import { HomePage } from "./pages/HomePage";
import { IntentPage } from "./pages/IntentPage";
import { ListingPage } from "./pages/ListingPage";
import { NewRunPage } from "./pages/NewRunPage";
import { PlansPage } from "./pages/PlansPage";
import { RunPage } from "./pages/RunPage";
import { SignInPage } from "./pages/SignInPage";
import { RunsPage, StudioPage, UsagePage } from "./pages/StudioPage";

/** The studio's views need a signed-in tenant; signing in comes back to the view asked for. */
export function SignedIn({ children }: { children: ReactNode }) {
  const { tenant } = useSession();
  const [location] = useLocation();
  return tenant ? <>{children}</> : <SignInPage next={location} />;
}

/** Where to go after signing in, from `?next=`: a path of this app only (never another origin). */
export function safeNext(search: string): string | undefined {
  const next = new URLSearchParams(search).get("next");
  return next && next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") ? next : undefined;
}

function SignInRoute() {
  return <SignInPage next={safeNext(useSearch())} />;
}

export function App() {
  return (
    <Layout>
      <Switch>
        <Route path="/"><HomePage /></Route>
        <Route path="/catalog/:id">{(p) => <ListingPage id={decodeURIComponent(p.id)} />}</Route>
        <Route path="/plans"><PlansPage /></Route>
        <Route path="/sign-in"><SignInRoute /></Route>
        <Route path="/studio"><SignedIn><StudioPage /></SignedIn></Route>
        <Route path="/studio/new"><SignedIn><NewRunPage /></SignedIn></Route>
        <Route path="/studio/intent"><SignedIn><IntentPage /></SignedIn></Route>
        <Route path="/studio/runs"><SignedIn><RunsPage /></SignedIn></Route>
        <Route path="/studio/runs/:id">{(p) => <SignedIn><RunPage id={decodeURIComponent(p.id)} /></SignedIn>}</Route>
        <Route path="/studio/approvals"><SignedIn><ApprovalsPage /></SignedIn></Route>
        <Route path="/studio/artifacts/:id">{(p) => <SignedIn><ArtifactPage id={decodeURIComponent(p.id)} /></SignedIn>}</Route>
        <Route path="/studio/usage"><SignedIn><UsagePage /></SignedIn></Route>
        <Route><Page title="Page not found"><p>There is no page here. <Link href="/">Go to the catalog</Link>.</p></Page></Route>
      </Switch>
    </Layout>
  );
}
