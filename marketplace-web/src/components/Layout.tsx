import { useEffect, useRef, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useSession } from "../auth/session";

export function Layout({ children }: { children: ReactNode }) {
  const { tenant, signOut } = useSession();
  const [location, navigate] = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [location]);
  const nav = (href: string, label: string) => (
    <Link href={href} aria-current={location === href ? "page" : undefined}>{label}</Link>
  );
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <div className="bar">
          <Link href="/" className="brand">ConnectSoft Marketplace</Link>
          <nav aria-label="Main">
            {nav("/", "Catalog")}
            {nav("/plans", "Plans")}
            {tenant && nav("/studio", "Studio")}
            {tenant && nav("/studio/runs", "Runs")}
            {tenant && nav("/studio/approvals", "Approvals")}
            {tenant && nav("/studio/usage", "Usage")}
          </nav>
          <div className="who">
            {tenant ? (
              <>
                <span className="tenant" title="Signed-in tenant">{tenant.name || tenant.tenantId}</span>
                <button type="button" className="secondary" onClick={() => { signOut(); navigate("/"); }}>Sign out</button>
              </>
            ) : (
              <Link href="/sign-in" className="button">Sign in</Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>{children}</main>
      <footer className="foot">
        <p>ConnectSoft AI Software Factory · every view shows only the signed-in tenant's data.</p>
      </footer>
    </>
  );
}
