// `npm run worker`: the background token refresher on its own, for
// deployments that run it apart from the web servers (set
// BACKGROUND_REFRESH=off on those). Safe to run beside inline refreshers:
// every refresh takes the connection's lease.
import { getConfig } from "../lib/config";
import { startBackgroundRefresher } from "../lib/connections/background";
import { applyMigrations } from "../lib/db/migrate";
import { log } from "../lib/log";

await applyMigrations(getConfig().databaseUrl, { log: (message) => log.info(message) });
const refresher = startBackgroundRefresher();
log.info("background refresher running", { database: getConfig().databaseKind });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    refresher.stop();
    process.exit(0);
  });
}
