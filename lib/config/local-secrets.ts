// The embedded default generates its encryption key and auth secret on first
// start, so `npm start` needs nothing configured. They live in the data folder
// beside the SQLite file, readable by the owner only.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { generateKeyRingEntry } from "./key-ring";
import { ensurePrivateDirectory, tightenIfShared } from "../private-files";

const localSecretsFile = z.object({ encryptionKeys: z.string(), authSecret: z.string() });
export type LocalSecrets = z.infer<typeof localSecretsFile>;

export function readOrCreateLocalSecrets(dataDir: string, warn: (message: string) => void): LocalSecrets {
  const file = path.resolve(dataDir, "local-secrets.json");
  // The data folder is Latchkey's own, so an older install's 0755 folder is tightened too.
  ensurePrivateDirectory(dataDir, warn, { tightenExisting: true });
  tightenIfShared(file, warn);
  try {
    return localSecretsFile.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`${file} is unreadable: ${(error as Error).message}`);
  }
  const secrets: LocalSecrets = { encryptionKeys: generateKeyRingEntry(1), authSecret: randomBytes(32).toString("base64url") };
  try {
    // `wx`: if another process created the file meanwhile, use theirs.
    writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return localSecretsFile.parse(JSON.parse(readFileSync(file, "utf8")));
    throw error;
  }
  warn(
    `Generated a local encryption key and auth secret in ${file} (mode 0600). ` +
      "These are for this machine only: back the file up with the database, and configure " +
      "LATCHKEY_ENCRYPTION_KEYS and LATCHKEY_AUTH_SECRET for a real deployment.",
  );
  return secrets;
}
