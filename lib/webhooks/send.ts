// One HTTP attempt: a POST to the address the URL check chose (the host name
// still goes in the Host header and TLS name check), no redirect followed, the
// whole exchange bounded by WEBHOOK_TIMEOUT_MS, and only the first 1 KB of the
// answer kept for the portal, as text a database column takes (PostgreSQL
// refuses NUL in text).
import "server-only";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { CheckedUrl } from "./url-check";

const BODY_EXCERPT_BYTES = 1024;

export type AttemptResult = { ok: boolean; status: number | null; body: string | null; error: string | null };

export function post(target: CheckedUrl, headers: Record<string, string>, body: string, timeoutMs: number): Promise<AttemptResult> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
        headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Latchkey-Webhooks/1" },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let kept = 0;
        const finish = () => {
          resolve({ ok: status >= 200 && status < 300, status, body: bodyExcerpt(Buffer.concat(chunks)), error: null });
        };
        response.on("data", (chunk: Buffer) => {
          if (kept >= BODY_EXCERPT_BYTES) return;
          chunks.push(chunk);
          kept += chunk.length;
          // Enough for the portal: stop reading a long answer.
          if (kept >= BODY_EXCERPT_BYTES) {
            finish();
            response.destroy();
          }
        });
        response.on("end", finish);
        response.on("error", finish);
      },
    );
    request.on("error", (error) => {
      const timedOut = error.name === "AbortError" || error.name === "TimeoutError";
      resolve({ ok: false, status: null, body: null, error: timedOut ? `no answer within ${timeoutMs} ms` : describeNetworkError(error) });
    });
    request.end(body);
  });
}

/** The first 1 KB, cut before a character the cut would split, without NUL bytes. */
function bodyExcerpt(body: Buffer): string {
  // The stream decoder holds back an incomplete last character instead of turning it into U+FFFD.
  return new TextDecoder("utf-8").decode(body.subarray(0, BODY_EXCERPT_BYTES), { stream: true }).replaceAll("\u0000", "");
}

function describeNetworkError(error: Error & { code?: string }): string {
  return error.code ? `could not connect (${error.code})` : `could not connect (${error.message.slice(0, 200)})`;
}
