/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the factory's API is when the app is served apart from it (e.g. https://<function app host>); empty: same origin. */
  readonly VITE_FACTORY_API_BASE?: string;
}
