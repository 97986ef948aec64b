// Large bodies both ways, streamed, for the proxy's tests: a file's raw
// content (GET /2.0/repositories/{workspace}/{repo}/src/{commit}/{path}, as
// Bitbucket serves it) and a file sent to a repository's Downloads
// (POST /2.0/repositories/{workspace}/{repo}/downloads). Bitbucket takes
// multipart form data there; the fake takes the raw body and records how
// many bytes came, their SHA-256, and whether the body arrived whole.
import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../shared/http";

const CHUNK_BYTES = 64 * 1024;
const PATTERN = randomBytes(CHUNK_BYTES);

/** A repository file's content: `bytes` bytes, each 64 KB chunk stamped with its index so order and loss show. */
export function* repositoryFileContent(bytes: number): Generator<Buffer> {
  for (let offset = 0, index = 0; offset < bytes; offset += CHUNK_BYTES, index += 1) {
    const chunk = Buffer.from(PATTERN.subarray(0, Math.min(CHUNK_BYTES, bytes - offset)));
    if (chunk.length >= 8) chunk.writeBigUInt64BE(BigInt(index));
    yield chunk;
  }
}

/** Writes a file's content as the client reads it (never more than the socket takes). */
export async function sendRepositoryFile(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Length": String(bytes) });
  for (const chunk of repositoryFileContent(bytes)) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await writable(res);
  }
  res.end();
}

/** Resolves when the socket takes more, or the client went away. */
function writable(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      res.off("drain", settle);
      res.off("close", settle);
      resolve();
    };
    res.on("drain", settle);
    res.on("close", settle);
  });
}

export type RecordedUpload = { bytes: number; sha256: string; complete: boolean };

/** Reads an upload as it arrives; `complete` only when the client finished its body. */
export async function receiveUpload(req: IncomingMessage, res: ServerResponse): Promise<RecordedUpload> {
  const digest = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of req) {
      bytes += (chunk as Buffer).length;
      digest.update(chunk as Buffer);
    }
  } catch {
    return { bytes, sha256: digest.digest("hex"), complete: false };
  }
  const upload = { bytes, sha256: digest.digest("hex"), complete: req.complete };
  if (upload.complete) sendJson(res, 201, { type: "download", size: bytes });
  return upload;
}
