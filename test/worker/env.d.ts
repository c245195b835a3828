import type { D1Database, Fetcher } from "@cloudflare/workers-types";
import type { D1Migration } from "@cloudflare/vitest-plugin";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      ASSETS: Fetcher;
      TEST_MIGRATIONS: D1Migration[];
      ID_HMAC_KEY: string;
      AS_OF: string;
    }
  }
}
