import { useEffect, useState, type DependencyList, type ReactNode } from "react";
import { useLocation } from "wouter";
import { ApiError } from "../api/client";
import { useSession } from "../auth/session";

export type Loaded<T> = { kind: "loading" } | { kind: "ok"; value: T } | { kind: "error"; error: unknown };

/** Loads once per change of deps; a result that arrives after the deps changed (or the view left) is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ kind: "loading" });
    load().then((value) => live && setState({ kind: "ok", value }), (error: unknown) => live && setState({ kind: "error", error }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

export function Loading({ what }: { what: string }) {
  return <p className="loading" role="status" aria-live="polite">Loading {what}…</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="empty">{children}</div>;
}

/**
 * An API error in words: the problem's title and detail, and the correlation id to quote when asking for help. A key
 * the factory no longer accepts (401: expired or revoked) offers to sign in again.
 */
export function ErrorNote({ error, retry, offerSignIn = true }: { error: unknown; retry?: () => void; offerSignIn?: boolean }) {
  const e = error instanceof ApiError ? error : undefined;
  const { signOut } = useSession();
  const [location, navigate] = useLocation();
  return (
    <div className="error" role="alert">
      <p className="error-title">{e ? capitalize(e.title) : "Something went wrong"}</p>
      {e?.detail && <p>{e.detail}</p>}
      {!e && error instanceof Error && <p>{error.message}</p>}
      {e?.correlationId && <p className="muted small">Correlation id: <code>{e.correlationId}</code></p>}
      {offerSignIn && e?.unauthorized ? (
        <button type="button" className="secondary" onClick={() => { signOut(); navigate(location); }}>Sign in again</button>
      ) : retry && <button type="button" className="secondary" onClick={retry}>Try again</button>}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge badge-${status.toLowerCase()}`}>{status}</span>;
}

export function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

export function when(iso: string | undefined | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

export function Page({ title, children, lead }: { title: string; children: ReactNode; lead?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · ConnectSoft Marketplace`;
  }, [title]);
  return (
    <>
      <h1>{title}</h1>
      {lead && <p className="lead">{lead}</p>}
      {children}
    </>
  );
}

/** A table that may scroll sideways on a narrow screen: a labelled region that keyboard users can focus and scroll. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}
