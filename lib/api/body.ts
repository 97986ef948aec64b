// Request bodies on /api/v1, read within a limit (lib/http's limitedBody: a
// body over it is refused before it is read when Content-Length says so, and
// otherwise as soon as the bytes read pass it, so memory never grows with what
// the client sends).
import { InvalidJson } from "../errors";
import { limitedBody } from "../http";

/** The largest request body /api/v1 accepts (the README says 1 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as JSON, or InvalidJson (400) when it is not, or PayloadTooLarge (413) over the limit. */
export async function readJson(request: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readBody(request, maxBytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new InvalidJson();
  }
}

/** The raw request body, or PayloadTooLarge once it passes `maxBytes`. */
export async function readBody(request: Request, maxBytes = MAX_BODY_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const limited = limitedBody(request.body, request.headers.get("content-length"), maxBytes);
  const chunks: Uint8Array[] = [];
  for (let chunk = await limited.next(); chunk; chunk = await limited.next()) chunks.push(chunk);
  const body = new Uint8Array(limited.bytes());
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
