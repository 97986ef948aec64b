// Which code the Overview shows below its checklist: the request of the first step still to do
// that a backend makes (a connect link, then a token read), then a proxied call once both are done.
import type { Onboarding } from "@/lib/onboarding";
import { findProvider, providers } from "@/lib/providers";
import type { SnippetRequest } from "./snippets";

export type NextStep = { title: string; description: string; request: SnippetRequest };

export function nextStep({ done, example }: Onboarding): NextStep {
  const provider = (example.providerId && findProvider(example.providerId)) || providers[0]!;
  if (!done.connectLink) {
    return {
      title: "Next: make a connect link from your backend",
      description: "Create a connect session for one of your end users, then send them to its connectUrl.",
      request: { kind: "connect-session", providerId: provider.id, returnOrigin: example.returnOrigin },
    };
  }
  if (!done.tokenRead) {
    return {
      title: "Next: read a token",
      description: "Ask for a connection's access token whenever your backend calls the provider; it is refreshed for you.",
      request: { kind: "token", connectionId: example.connectionId },
    };
  }
  const { path, description } = provider.exampleRequest;
  return {
    title: "Next: call the provider's API through the proxy",
    description: `The vault adds the token for you. This one reads: ${description.toLowerCase()}.`,
    request: { kind: "proxy", connectionId: example.connectionId, path },
  };
}
