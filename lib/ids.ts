// Row ids: a readable prefix (so an id in a log says what it is) and 128 random bits.
import { randomBytes } from "node:crypto";

export type IdPrefix = "usr" | "inv" | "app" | "key" | "pvc" | "cs" | "st" | "conn" | "evt" | "ses" | "req" | "msg" | "whep" | "whdl" | "eus";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(16).toString("base64url")}`;
}
