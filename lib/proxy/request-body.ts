// The caller's request body on its way to the provider, within
// PROXY_MAX_BODY_BYTES. A small body is read first, so it can be sent again
// after a refresh; a larger one streams through as it arrives, and crossing
// the limit aborts the upstream call, so the provider never takes a cut body
// as complete and memory never grows with what the caller sends.
import { limitedBody } from "../http";

/** Bodies up to this size are held, so a 401 can be answered by refreshing the token and sending them again. */
const RESENDABLE_BYTES = 64 * 1024;

export type OutgoingBody = {
  /** What to hand the upstream call: the bytes when held, else a stream that can be read once. */
  readonly content: Uint8Array | AsyncIterable<Uint8Array> | null;
  /** Whether `content` can be sent a second time. */
  readonly resendable: boolean;
  /** Bytes taken from the caller so far. */
  bytes: () => number;
  /** Whether the caller's body passed the limit (the upstream call was aborted for it). */
  exceeded: () => boolean;
};

export async function outgoingBody(body: ReadableStream<Uint8Array> | null, declaredLength: string | null, maxBytes: number): Promise<OutgoingBody> {
  const limited = limitedBody(body, declaredLength, maxBytes);
  if (!body) return { content: null, resendable: true, bytes: () => 0, exceeded: () => false };

  const head: Uint8Array[] = [];
  for (let chunk = await limited.next(); chunk; chunk = limited.bytes() <= RESENDABLE_BYTES ? await limited.next() : undefined) head.push(chunk);
  const held = { bytes: limited.bytes, exceeded: limited.exceeded };
  if (limited.bytes() <= RESENDABLE_BYTES) return { content: Buffer.concat(head), resendable: true, ...held };

  async function* rest(): AsyncIterable<Uint8Array> {
    yield* head.splice(0);
    for (let chunk = await limited.next(); chunk; chunk = await limited.next()) yield chunk;
  }
  return { content: rest(), resendable: false, ...held };
}
