/**
 * Entra ID sign-in in Azure: MSAL's redirect flow (authorization code with PKCE) configured from what the factory
 * publishes at GET /api/v1/auth/config. MSAL is loaded only when that config asks for it, so the app signed in with
 * API keys (locally) never downloads it. Tokens stay in MSAL's session-storage cache; the API validates each one.
 */

/** What GET /api/v1/auth/config answers. */
export type SignInConfig =
  | { signIn: "api-key"; apiKeys: boolean }
  | { signIn: "entra"; apiKeys: boolean; clientId: string; authority: string; scopes: string[] };

export const API_KEYS_ONLY: SignInConfig = { signIn: "api-key", apiKeys: true };

/** The part of MSAL's PublicClientApplication this app uses (the boundary tests replace). */
export interface MsalApp {
  initialize(): Promise<void>;
  handleRedirectPromise(): Promise<{ account?: MsalAccount | null; accessToken?: string } | null>;
  getAllAccounts(): MsalAccount[];
  setActiveAccount(account: MsalAccount | null): void;
  getActiveAccount(): MsalAccount | null;
  loginRedirect(request: { scopes: string[]; redirectStartPage?: string }): Promise<void>;
  acquireTokenSilent(request: { scopes: string[]; account: MsalAccount }): Promise<{ accessToken: string }>;
  acquireTokenRedirect(request: { scopes: string[]; account?: MsalAccount }): Promise<void>;
  logoutRedirect(request?: { account?: MsalAccount | null; postLogoutRedirectUri?: string }): Promise<void>;
}

export interface MsalAccount {
  homeAccountId: string;
  username?: string;
}

export type MsalFactory = (config: Extract<SignInConfig, { signIn: "entra" }>) => Promise<MsalApp>;

/** The real MSAL, loaded on demand; the cache lives in this tab's session storage, like an API key. */
export const loadMsal: MsalFactory = async (config) => {
  const msal = await import("@azure/msal-browser");
  return new msal.PublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority, redirectUri: window.location.origin + "/",
      postLogoutRedirectUri: window.location.origin + "/" },
    cache: { cacheLocation: "sessionStorage" },
  }) as unknown as MsalApp;
};

/** Reads the published sign-in settings; anything unusable means API keys only (what the factory serves locally). */
export function parseSignInConfig(body: unknown): SignInConfig {
  if (typeof body !== "object" || body === null) return API_KEYS_ONLY;
  const b = body as Record<string, unknown>;
  const scopes = Array.isArray(b.scopes) ? b.scopes.filter((s): s is string => typeof s === "string" && s.length > 0) : [];
  if (b.signIn === "entra" && typeof b.clientId === "string" && b.clientId && typeof b.authority === "string"
    && b.authority.startsWith("https://") && scopes.length > 0) {
    return { signIn: "entra", apiKeys: b.apiKeys !== false, clientId: b.clientId, authority: b.authority, scopes };
  }
  return API_KEYS_ONLY;
}

/** A signed-in Entra ID account's access tokens for the factory API, renewed silently, by redirect when that fails. */
export class EntraSession {
  private constructor(private readonly msal: MsalApp, private readonly scopes: string[]) {}

  /** MSAL ready, with the answer of a sign-in redirect that brought the browser back here handled first. */
  static async start(config: Extract<SignInConfig, { signIn: "entra" }>, factory: MsalFactory = loadMsal): Promise<EntraSession> {
    const msal = await factory(config);
    await msal.initialize();
    const back = await msal.handleRedirectPromise();
    if (back?.account) msal.setActiveAccount(back.account);
    else if (!msal.getActiveAccount() && msal.getAllAccounts().length > 0) msal.setActiveAccount(msal.getAllAccounts()[0]);
    return new EntraSession(msal, config.scopes);
  }

  get account(): MsalAccount | null {
    return this.msal.getActiveAccount();
  }

  /** Leaves for Entra ID's sign-in page; the browser comes back to `next` once signed in. */
  signIn(next: string): Promise<void> {
    return this.msal.loginRedirect({ scopes: this.scopes, redirectStartPage: window.location.origin + next });
  }

  /** An access token for the API, or undefined when no account is signed in (a redirect is started when one is needed). */
  async token(): Promise<string | undefined> {
    const account = this.account;
    if (!account) return undefined;
    try {
      return (await this.msal.acquireTokenSilent({ scopes: this.scopes, account })).accessToken;
    } catch (error) {
      if (isInteractionRequired(error)) {
        await this.msal.acquireTokenRedirect({ scopes: this.scopes, account });
        return undefined;
      }
      throw error;
    }
  }

  signOut(): Promise<void> {
    return this.msal.logoutRedirect({ account: this.account });
  }
}

/** MSAL's InteractionRequiredAuthError (and the errors it names so), without importing MSAL to test for it. */
function isInteractionRequired(error: unknown): boolean {
  const e = error as { name?: string; errorCode?: string } | undefined;
  return e?.name === "InteractionRequiredAuthError" || ["interaction_required", "login_required", "consent_required",
    "no_tokens_found", "monitor_window_timeout"].includes(e?.errorCode ?? "");
}
