import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { FactoryClient } from "../api/client";
import type { Tenant } from "../api/types";

/** Where the signed-in tenant's API key is kept: this tab's session storage, never the URL or local storage. */
export const KEY_ITEM = "connectsoft.apiKey";
const TENANT_ITEM = "connectsoft.tenant";

export interface Session {
  tenant: Tenant | undefined;
  client: FactoryClient;
  /** Checks the key with the factory, then keeps it for this tab; throws the ApiError when the key is refused. */
  signIn(key: string): Promise<Tenant>;
  signOut(): void;
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

export function SessionProvider({ children, storage = window.sessionStorage, fetchImpl }:
  { children: ReactNode; storage?: Storage; fetchImpl?: typeof fetch }) {
  const [state, setState] = useState(() => stored(storage));
  const client = useMemo(() => new FactoryClient({ apiKey: () => storage.getItem(KEY_ITEM) ?? undefined, fetch: fetchImpl }),
    [storage, fetchImpl]);
  const signIn = useCallback(async (key: string) => {
    const trimmed = key.trim();
    const tenant = await client.tenantOf(trimmed);
    storage.setItem(KEY_ITEM, trimmed);
    storage.setItem(TENANT_ITEM, JSON.stringify(tenant));
    setState({ key: trimmed, tenant });
    return tenant;
  }, [client, storage]);
  const signOut = useCallback(() => {
    storage.removeItem(KEY_ITEM);
    storage.removeItem(TENANT_ITEM);
    setState({});
  }, [storage]);
  const value = useMemo(() => ({ tenant: state.key ? state.tenant : undefined, client, signIn, signOut }),
    [state, client, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession needs a SessionProvider");
  return s;
}
