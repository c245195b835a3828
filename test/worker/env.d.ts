import type { D1Migration } from "@cloudflare/vitest-plugin";

// The bindings only the tests have (test/worker/vitest.config.ts); the Worker's own are generated
// by `wrangler types` into worker/worker-configuration.d.ts.
declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      AS_OF: string;
      ROBOTS_KEY: string;
      LOCAL_DEV: string;
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The port of the group robots' loopback receivers (test/worker/receivers.ts). */
    receiverPort: number;
  }
}
