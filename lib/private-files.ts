// The embedded default keeps emails, password hashes, sealed tokens, the audit
// log and its own keys on the local disk: only the owner may read them. Modes
// are set with chmod after creating, so the process umask cannot loosen them,
// and an install made before this (directories 0755, files 0644) is tightened
// on start, with a line in the log.
// No `server-only` import: the migrator and scripts run this with tsx.
import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const PRIVATE_DIRECTORY_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

type Log = (message: string) => void;

/** Permission bits for the group and others: set means someone besides the owner gets in. */
const SHARED_BITS = 0o077;

function modeOf(target: string): number | null {
  try {
    return statSync(target).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

function tighten(target: string, current: number, mode: number, log: Log): void {
  chmodSync(target, mode);
  log(`Tightened ${target} from ${current.toString(8).padStart(4, "0")} to ${mode.toString(8).padStart(4, "0")}: it holds data only Latchkey's user may read`);
}

/**
 * Creates `dir` (and missing parents) as 0700. An existing directory is tightened only when
 * `tightenExisting`: a folder Latchkey owns, never one it merely writes into (such as /tmp).
 */
export function ensurePrivateDirectory(dir: string, log: Log, { tightenExisting }: { tightenExisting: boolean }): void {
  const firstCreated = mkdirSync(dir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  if (firstCreated !== undefined) {
    // Every directory this call created, from the outermost down to `dir`.
    for (let created = path.resolve(dir); ; created = path.dirname(created)) {
      chmodSync(created, PRIVATE_DIRECTORY_MODE);
      if (created === path.resolve(firstCreated) || created === path.dirname(created)) break;
    }
    return;
  }
  const current = modeOf(dir);
  if (tightenExisting && current !== null && (current & SHARED_BITS) !== 0) tighten(dir, current, PRIVATE_DIRECTORY_MODE, log);
}

/** Creates `file` empty as 0600 when absent, so whatever opens it next never makes it readable to others. */
export function ensurePrivateFile(file: string, log: Log): void {
  try {
    writeFileSync(file, "", { mode: PRIVATE_FILE_MODE, flag: "wx" });
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    tightenIfShared(file, log);
  }
}

/** Tightens `file` to 0600 if the group or others can use it; an absent file is fine. */
export function tightenIfShared(file: string, log: Log): void {
  const current = modeOf(file);
  if (current !== null && (current & SHARED_BITS) !== 0) tighten(file, current, PRIVATE_FILE_MODE, log);
}
