import { describeConnectFailure, isConnectFailureCode } from "@/lib/connect";
import { findProvider } from "@/lib/providers";

type Params = Record<string, string | string[] | undefined>;

/** What just happened, from the query the page was sent back with (after the dance, or a Disconnect). */
export function OutcomeNotice({ params }: { params: Params }) {
  const text = (name: string) => (typeof params[name] === "string" ? params[name] : "");
  const providerName = findProvider(text("provider"))?.name ?? "The provider";
  const message = outcomeMessage(text("outcome"), providerName, text("error"), text("revocation"));
  if (!message) return null;
  const tone = message.ok ? "border-emerald-200 bg-emerald-50 text-emerald-800" : "border-red-200 bg-red-50 text-red-800";
  return (
    <p role="status" className={`mb-4 rounded-md border px-3 py-2 text-sm ${tone}`}>
      {message.text}
    </p>
  );
}

function outcomeMessage(outcome: string, providerName: string, error: string, revocation: string): { ok: boolean; text: string } | null {
  switch (outcome) {
    case "connected":
      return { ok: true, text: `${providerName} is connected.` };
    case "failed":
      return { ok: false, text: isConnectFailureCode(error) ? describeConnectFailure(error, providerName) : "Nothing was connected. Please try again." };
    case "disconnected":
      return {
        ok: true,
        text:
          revocation === "failed"
            ? `${providerName} is disconnected and its tokens are deleted here. ${providerName} could not be told: you can also remove the access in your ${providerName} settings.`
            : `${providerName} is disconnected and its tokens are deleted.`,
      };
    default:
      return null;
  }
}
