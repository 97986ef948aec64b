import "server-only";
import { getConfig } from "./config";
import { startBackgroundRefresher } from "./connections/background";
import { applyMigrations } from "./db/migrate";
import { log } from "./log";
import { startRequestLogPruner } from "./request-log";
import { startWebhookWorker } from "./webhooks";

export async function startServer(): Promise<void> {
  const config = getConfig();
  const { applied } = await applyMigrations(config.databaseUrl, { log: (message) => log.info(message) });
  if (config.backgroundRefresh === "inline") {
    startBackgroundRefresher();
    startWebhookWorker();
    startRequestLogPruner();
  }
  log.info("latchkey started", {
    database: config.databaseKind,
    appUrl: config.appUrl,
    migrationsApplied: applied.length,
    backgroundRefresh: config.backgroundRefresh,
  });
}
