import { useEffect, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { useSession } from "../auth/session";
import { ErrorNote, Page } from "../components/ui";

export function SignInPage({ next = "/studio" }: { next?: string }) {
  const { signIn, signInConfig, loadSignInConfig, signInWithEntra, entraError } = useSession();
  const [, navigate] = useLocation();
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    void loadSignInConfig();
  }, [loadSignInConfig]);

  const entra = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await signInWithEntra(next);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(key);
      navigate(next);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Page title="Sign in" lead="Sign in with your tenant's API key. It is kept in this browser tab only and forgotten when you sign out or close the tab.">
      {signInConfig?.signIn === "entra" && (
        <section className="panel narrow" aria-labelledby="entra-h">
          <h2 id="entra-h">Your organization's account</h2>
          <p>Sign in with Microsoft Entra ID; you come back here signed in as the tenant your directory is linked to.</p>
          <button type="button" onClick={entra} disabled={busy}>Sign in with Microsoft Entra ID</button>
          {entraError !== undefined && <ErrorNote error={entraError} offerSignIn={false} />}
        </section>
      )}
      {signInConfig?.signIn === "entra" && signInConfig.apiKeys && <h2>Or with an API key</h2>}
      {(signInConfig?.signIn !== "entra" || signInConfig.apiKeys) && <form className="form narrow" onSubmit={submit}>
        <label htmlFor="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autoComplete="off" spellCheck={false} required value={key}
          onChange={(e) => setKey(e.target.value)} aria-describedby="api-key-help" />
        <p id="api-key-help" className="muted small">Create one with <code>./factory keys create --tenant &lt;id&gt;</code>.</p>
        <button type="submit" disabled={busy || !key.trim()}>{busy ? "Checking…" : "Sign in"}</button>
      </form>}
      {error !== undefined && <ErrorNote error={error} offerSignIn={false} />}
    </Page>
  );
}
