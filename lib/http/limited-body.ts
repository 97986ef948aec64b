// A request body read against a size limit: refused from its Content-Length
// before a byte is read, or as soon as the bytes read pass the limit, when the
// reader is cancelled so the rest is never pulled. The /api/v1 JSON bodies and
// the proxy's streamed bodies both read through it.
import { PayloadTooLarge } from "../errors";

export type LimitedBody = {
  /** The next chunk, counted against the limit; undefined at the end. Throws PayloadTooLarge past the limit. */
  next: () => Promise<Uint8Array | undefined>;
  /** Bytes read so far. */
  bytes: () => number;
  /** Whether the body passed the limit. */
  exceeded: () => boolean;
};

/** Throws PayloadTooLarge at once when `declaredLength` (Content-Length) is over the limit. */
export function limitedBody(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, maxBytes: number): LimitedBody {
  if (declaredLength !== null && Number(declaredLength) > maxBytes) throw new PayloadTooLarge(maxBytes);
  const reader = body?.getReader();
  let total = 0;
  let exceeded = false;
  return {
    next: async () => {
      if (!reader) return undefined;
      const { done, value } = await reader.read();
      if (done) return undefined;
      total += value.byteLength;
      if (total > maxBytes) {
        exceeded = true;
        await reader.cancel();
        throw new PayloadTooLarge(maxBytes);
      }
      return value;
    },
    bytes: () => total,
    exceeded: () => exceeded,
  };
}
