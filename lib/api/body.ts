// Request bodies on /api/v1, read within a limit. A body over the limit is
// refused before it is read when Content-Length says so, and otherwise as soon
// as the bytes read pass the limit: the reader is cancelled, so the rest is
// never pulled and memory never grows with what the client sends.
import { InvalidJson, PayloadTooLarge } from "../errors";

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
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw new PayloadTooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
