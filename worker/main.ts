/**
 * The Worker's entry (wrangler.toml `main`): the Hono app (worker/index.ts) answers `fetch`, and
 * the Cron Triggers run the scheduled 催报 (worker/robots/schedule.ts).
 */
import type { ExportedHandler } from "@cloudflare/workers-types";
import app from "./index";
import type { Bindings } from "./env";
import { runReminders } from "./robots/schedule";

export default {
  fetch: app.fetch as unknown as ExportedHandler<Bindings>["fetch"],
  async scheduled(controller, env) {
    await runReminders(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Bindings>;
