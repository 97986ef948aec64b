// Another process for the webhook tests, with the environment it was started
// with (the same database, keys and fake Bitbucket). Run with
// `tsx --conditions=react-server tests/support/webhook-child.ts <mode> ...`:
//   crash <connectionId> <userId>  disconnects the connection as that portal user, then dies by SIGKILL before any delivery;
//   deliver                        prints "ready", waits for a line on stdin, runs one delivery pass, prints its counts.
import { createInterface } from "node:readline";
import { disconnect, getConnectionForActor } from "@/lib/connections";
import { deliverDueWebhooks } from "@/lib/webhooks";

const [mode, ...args] = process.argv.slice(2);

if (mode === "crash") {
  const [connectionId, userId] = args as [string, string];
  const actor = { userId, email: "crash@example.test", role: "DEVELOPER" as const };
  await disconnect(await getConnectionForActor(actor, connectionId), { type: "USER", id: userId });
  process.kill(process.pid, "SIGKILL");
} else if (mode === "deliver") {
  const lines = createInterface({ input: process.stdin });
  console.log("ready");
  for await (const line of lines) {
    if (line === "go") break;
  }
  console.log(JSON.stringify(await deliverDueWebhooks()));
  process.exit(0);
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
