import type { Role } from "../shared/api";
import type { StoredRegistry } from "./db/registry";

/**
 * The Worker's bindings: those of wrangler.toml as `wrangler types` writes them
 * (worker/worker-configuration.d.ts; `npm test` checks it is current), and the two optional ones.
 */
export type Bindings = Cloudflare.Env & {
  /** Secret, only while a change of ID_HMAC_KEY is carried over: the previous key (docs/privacy.md). */
  ID_HMAC_KEY_OLD?: string;
  /** Fixed as-of date for tests and demos only; production leaves it unset (today in Asia/Shanghai). */
  AS_OF?: string;
  /** Secret: the key the group robots' webhooks and signing secrets are sealed with (docs/reminders.md). */
  ROBOTS_KEY?: string;
  /** "1" on a developer's machine and in tests: robots may post to loopback receivers only. */
  LOCAL_DEV?: string;
};

export interface AuthUser {
  id: string;
  name: string;
  role: Role;
  branch: string | null;
  tokenId: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: {
    user: AuthUser;
    /** The one-off re-mask of schema v3 has not finished (worker/lib/remask.ts). */
    remaskPending: boolean;
    /** The date the engine judges as of (worker/lib/context.ts). */
    asOf: string;
    /** The township's registry, read from D1 when a route first asks for it. */
    registry: () => Promise<StoredRegistry>;
  };
}
