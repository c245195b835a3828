import type { D1Database, Fetcher } from "@cloudflare/workers-types";
import type { Role } from "../shared/api";

/** The Worker's bindings (wrangler.toml, secrets in `.dev.vars` locally). */
export interface Bindings {
  DB: D1Database;
  /** The pane's built files (dist/addin); absent in some test setups. */
  ASSETS?: Fetcher;
  /** Secret: key of the HMAC kept for ID numbers (members) and of stored body hashes. */
  ID_HMAC_KEY?: string;
  /** Secret, only while a change of ID_HMAC_KEY is carried over: the previous key (docs/privacy.md). */
  ID_HMAC_KEY_OLD?: string;
  /** Extra origins allowed by CORS, comma-separated; the Worker's own origin is always allowed. */
  PANE_ORIGINS?: string;
  /** Fixed as-of date for tests and demos only; production leaves it unset (today in Asia/Shanghai). */
  AS_OF?: string;
}

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  branch: string | null;
  tokenId: string;
}

export interface AppEnv {
  Bindings: Bindings;
  /** `remaskPending`: the one-off re-mask of schema v3 has not finished (worker/lib/remask.ts). */
  Variables: { user: AuthUser; remaskPending: boolean };
}
