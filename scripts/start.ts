// `npm start`: builds the portal on first run, then serves it on PORT.
// Migrations, and the local keys of the embedded default, happen as the
// server starts (instrumentation.ts), so this is the only command needed.
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

process.env.NEXT_TELEMETRY_DISABLED = "1";

if (!existsSync(".next/BUILD_ID")) {
  console.log("No build found: building the portal once (about a minute)…");
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? "3000";
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
