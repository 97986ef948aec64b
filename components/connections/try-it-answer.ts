// What "Try a request" shows of the provider's answer: its status and a bounded body, JSON
// pretty-printed. The portal reads at most MAX_BODY_BYTES and says when it stopped.
import type { RequestState } from "./try-it-state";

const MAX_BODY_BYTES = 64 * 1024;

async function readBounded(response: Response): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(), truncated: false };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes: bytes.subarray(0, MAX_BODY_BYTES), truncated: size > MAX_BODY_BYTES };
}

function pretty(text: string, contentType: string, truncated: boolean): string {
  if (truncated || !/\bjson\b/i.test(contentType)) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

export async function describeAnswer(path: string, response: Response): Promise<Extract<RequestState, { status: "success" }>["response"]> {
  const contentType = response.headers.get("content-type") ?? "";
  const { bytes, truncated } = await readBounded(response);
  const text = new TextDecoder().decode(bytes);
  return { path, status: response.status, statusText: response.statusText, contentType, body: pretty(text, contentType, truncated), truncated };
}
