// `wrangler types` (worker/worker-configuration.d.ts) names the runtime's global types. This one
// program also holds the pane's DOM types, so the Workers runtime is not global here: the two
// names the bindings use come from @cloudflare/workers-types, as everywhere else in worker/.
import type * as Workers from "@cloudflare/workers-types";

declare global {
  type D1Database = Workers.D1Database;
  type Fetcher = Workers.Fetcher;
}
