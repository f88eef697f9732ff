import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { FactoryClient } from "../api/client";
import type { Tenant } from "../api/types";
import { API_KEYS_ONLY, EntraSession, loadMsal, parseSignInConfig, type MsalFactory, type SignInConfig } from "./entra";

/** Where the signed-in tenant's API key is kept: this tab's session storage, never the URL or local storage. */
export const KEY_ITEM = "connectsoft.apiKey";
const TENANT_ITEM = "connectsoft.tenant";

export interface Session {
  tenant: Tenant | undefined;
  client: FactoryClient;
  /** How this deployment signs in: API keys (locally), or Entra ID too (in Azure); undefined until asked for. */
  signInConfig: SignInConfig | undefined;
  /** Asks GET /api/v1/auth/config once (the sign-in page does; so does a return from Entra ID's sign-in page). */
  loadSignInConfig(): Promise<SignInConfig>;
  /** Checks the key with the factory, then keeps it for this tab; throws the ApiError when the key is refused. */
  signIn(key: string): Promise<Tenant>;
  /** Leaves for Entra ID's sign-in page (only with an Entra sign-in config); comes back to `next`. */
  signInWithEntra(next: string): Promise<void>;
  signOut(): void;
  /** Why an Entra ID sign-in did not come through (the token was refused, MSAL failed), for the sign-in page. */
  entraError: unknown;
}

/** Whether MSAL has something to take up: an answer in the URL, or its state in this tab's storage. */
function entraPending(location: Location, storage: Storage): boolean {
  if (/(^|[#&?])(code|error)=/.test(location.hash) || /[?&](code|error)=/.test(location.search)) return true;
  for (let i = 0; i < storage.length; i++) if (storage.key(i)?.startsWith("msal.")) return true;
  return false;
}

const SessionContext = createContext<Session | undefined>(undefined);

function stored(storage: Storage): { key?: string; tenant?: Tenant } {
  const key = storage.getItem(KEY_ITEM) ?? undefined;
  try {
    const tenant = key ? (JSON.parse(storage.getItem(TENANT_ITEM) ?? "null") as Tenant | null) ?? undefined : undefined;
    return { key, tenant };
  } catch {
    return { key };
  }
}

export function SessionProvider({ children, storage = window.sessionStorage, fetchImpl, msalFactory = loadMsal, baseUrl }:
  { children: ReactNode; storage?: Storage; fetchImpl?: typeof fetch; msalFactory?: MsalFactory;
    /** Where the API is (from config.json); undefined: the origin fixed at build time. */ baseUrl?: string }) {
  const [state, setState] = useState<{ key?: string; tenant?: Tenant; entraTenant?: Tenant }>(() => stored(storage));
  const [signInConfig, setSignInConfig] = useState<SignInConfig>();
  const [entraError, setEntraError] = useState<unknown>();
  const entra = useRef<EntraSession>(undefined);
  const loading = useRef<Promise<SignInConfig>>(undefined);
  const client = useMemo(() => new FactoryClient({ baseUrl, apiKey: () => storage.getItem(KEY_ITEM) ?? undefined, fetch: fetchImpl,
    bearer: async () => entra.current?.token() }), [baseUrl, storage, fetchImpl]);

  const loadSignInConfig = useCallback(() => {
    loading.current ??= (async () => {
      const config = parseSignInConfig(await client.authConfig().catch(() => API_KEYS_ONLY));
      if (config.signIn === "entra") {
        try {
          const session = await EntraSession.start(config, msalFactory);
          entra.current = session;
          if (session.account && !storage.getItem(KEY_ITEM)) {
            const tenant = await client.tenant();
            setState((s) => (s.key ? s : { ...s, entraTenant: tenant }));
          }
        } catch (error) {
          setEntraError(error);
        }
      }
      setSignInConfig(config);
      return config;
    })();
    return loading.current;
  }, [client, storage, msalFactory]);

  useEffect(() => {
    // back from Entra ID's sign-in page, or an Entra ID account from earlier in this tab: MSAL takes it up at once
    if (entraPending(window.location, storage)) void loadSignInConfig();
  }, [loadSignInConfig, storage]);

  const signIn = useCallback(async (key: string) => {
    const trimmed = key.trim();
    const tenant = await client.tenantOf(trimmed);
    storage.setItem(KEY_ITEM, trimmed);
    storage.setItem(TENANT_ITEM, JSON.stringify(tenant));
    setState({ key: trimmed, tenant });
    return tenant;
  }, [client, storage]);
  const signInWithEntra = useCallback(async (next: string) => {
    if (!entra.current) throw new Error("Entra ID sign-in is not configured for this factory: sign in with an API key.");
    await entra.current.signIn(next);
  }, []);
  const signOut = useCallback(() => {
    storage.removeItem(KEY_ITEM);
    storage.removeItem(TENANT_ITEM);
    const wasEntra = state.entraTenant !== undefined && entra.current?.account;
    setState({});
    if (wasEntra) void entra.current?.signOut();
  }, [storage, state.entraTenant]);
  const value = useMemo(() => ({ tenant: state.key ? state.tenant : state.entraTenant, client, signInConfig, loadSignInConfig,
    entraError, signIn, signInWithEntra, signOut }),
    [state, client, signInConfig, loadSignInConfig, entraError, signIn, signInWithEntra, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession needs a SessionProvider");
  return s;
}
