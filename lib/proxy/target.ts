// Where a proxied call goes: the provider's API host and a path under one of
// its declared prefixes, with no dot segments to climb out of them.
import { getConfig } from "../config";
import { ValidationFailed } from "../errors";
import { providerHosts, type ProviderDefinition } from "../providers";

export function upstreamUrl(provider: ProviderDefinition, segments: string[], search: string): string {
  const problem = (message: string) => new ValidationFailed([{ path: "path", message }], message);
  if (segments.some((segment) => segment === "" || segment === "." || segment === "..")) throw problem("The path may not contain empty, . or .. segments.");
  const path = upstreamPath(segments);
  if (!provider.proxyPathPrefixes.some((prefix) => `${path}/`.startsWith(prefix))) {
    throw problem(`Only ${provider.name} API paths under ${provider.proxyPathPrefixes.join(", ")} can be proxied.`);
  }
  return `${providerHosts(provider, getConfig().environment).api}/${path}${search}`;
}

/** The path's segments percent-encoded and joined, as the provider receives them. */
export function upstreamPath(segments: string[]): string {
  return segments.map(encodeURIComponent).join("/");
}
