// `npm run worker`: the background token refresher and the webhook delivery
// worker on their own, for deployments that run them apart from the web servers
// (set BACKGROUND_REFRESH=off on those). Safe to run beside inline ones: every
// refresh takes the connection's lease, every webhook attempt its delivery's.
import { getConfig } from "../lib/config";
import { startBackgroundRefresher } from "../lib/connections/background";
import { applyMigrations } from "../lib/db/migrate";
import { log } from "../lib/log";
import { startRequestLogPruner } from "../lib/request-log";
import { startWebhookWorker } from "../lib/webhooks";

await applyMigrations(getConfig().databaseUrl, { log: (message) => log.info(message) });
const refresher = startBackgroundRefresher();
const webhooks = startWebhookWorker();
// Safe in every instance at once: two pruners deleting the same old rows only find fewer to delete.
const pruner = startRequestLogPruner();
log.info("background refresher and webhook worker running", { database: getConfig().databaseKind });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    refresher.stop();
    webhooks.stop();
    pruner.stop();
    process.exit(0);
  });
}
