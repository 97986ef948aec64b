import type { IncomingMessage } from "node:http";

export interface ClientCredentials {
  id: string;
  secret: string;
}

/**
 * Credentials from `Authorization: Basic base64(id:secret)`; null when the header is absent or not Basic.
 * RFC 6749 §2.3.1 form-encodes both parts before base64, so they are form-decoded here.
 */
export function basicCredentials(req: IncomingMessage): ClientCredentials | null {
  const match = /^basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return null;
  const formDecode = (part: string): string => {
    try {
      return decodeURIComponent(part.replace(/\+/g, " "));
    } catch {
      return part;
    }
  };
  return { id: formDecode(decoded.slice(0, separator)), secret: formDecode(decoded.slice(separator + 1)) };
}
