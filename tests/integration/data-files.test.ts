// The embedded default's files are the owner's alone: the data folder 0700,
// the SQLite database and its -wal/-shm files and the generated keys 0600,
// whatever the process umask, and an older install's looser modes are
// tightened on start, with a line in the log.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { readOrCreateLocalSecrets } from "@/lib/config/local-secrets";
import { createDatabase, type Database } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";

const roots: string[] = [];
const openClients: Database[] = [];
afterEach(async () => {
  for (const client of openClients.splice(0)) await client.$disconnect();
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function freshRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "latchkey-files-"));
  roots.push(root);
  return root;
}

function mode(target: string): string {
  return (statSync(target).mode & 0o777).toString(8).padStart(4, "0");
}

/**
 * What `npm start` does with the embedded default: keys from the data folder, then migrations,
 * then the app's own connection writing. The connection stays open: closing it removes -wal and -shm.
 */
async function start(dataDir: string, log: string[]): Promise<string> {
  readOrCreateLocalSecrets(dataDir, (message) => log.push(message));
  const file = path.join(dataDir, "latchkey.db");
  await applyMigrations(`file:${file}`, { log: (message) => log.push(message) });
  const client = await createDatabase(`file:${file}`);
  await client.user.deleteMany({ where: { email: "nobody@example.test" } });
  await client.$queryRawUnsafe("SELECT count(*) FROM User");
  openClients.push(client);
  return file;
}

test("a fresh start creates the data folder 0700 and the database, its -wal and -shm files and the keys 0600", async () => {
  // The usual umask would give 0755 folders and 0644 files.
  const umask = process.umask(0o022);
  try {
    const dataDir = path.join(freshRoot(), "data");
    const file = await start(dataDir, []);

    expect(mode(dataDir)).toBe("0700");
    expect(mode(file)).toBe("0600");
    expect(mode(`${file}-wal`)).toBe("0600");
    expect(mode(`${file}-shm`)).toBe("0600");
    expect(mode(path.join(dataDir, "local-secrets.json"))).toBe("0600");
  } finally {
    process.umask(umask);
  }
});

test("an older install's 0755 folder and 0644 files are tightened on start, and the log says so", async () => {
  const dataDir = path.join(freshRoot(), "data");
  mkdirSync(dataDir);
  const file = path.join(dataDir, "latchkey.db");
  for (const existing of [file, `${file}-wal`, `${file}-shm`]) writeFileSync(existing, "");
  chmodSync(dataDir, 0o755);
  for (const existing of [file, `${file}-wal`, `${file}-shm`]) chmodSync(existing, 0o644);

  const log: string[] = [];
  await start(dataDir, log);

  expect([mode(dataDir), mode(file), mode(`${file}-wal`), mode(`${file}-shm`)]).toEqual(["0700", "0600", "0600", "0600"]);
  expect(log).toEqual(expect.arrayContaining([`Tightened ${path.resolve(dataDir)} from 0755 to 0700: it holds data only Latchkey's user may read`]));
  expect(log.filter((line) => line.startsWith("Tightened"))).toHaveLength(4);
});

test("a database in a folder Latchkey does not own (such as /tmp) is made private, the folder is left as it is", async () => {
  const shared = freshRoot();
  chmodSync(shared, 0o755);
  const file = path.join(shared, "elsewhere.db");

  await applyMigrations(`file:${file}`);

  expect(mode(file)).toBe("0600");
  expect(mode(shared)).toBe("0755");
});
