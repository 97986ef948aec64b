// The provider catalog. Adding a provider is one file beside this one and one line below.
import { z } from "zod";
import { bitbucket } from "./bitbucket";
import type { ProviderDefinition } from "./define";
import { github } from "./github";
import { gitlab } from "./gitlab";

export type { ProviderDefinition, ProviderRevocation, ProviderScope } from "./define";

export const providers: readonly ProviderDefinition[] = [bitbucket, gitlab, github];

/** The environment variables that override provider hosts, as the declarations name them. */
export const providerHostVariables: readonly string[] = [...new Set(providers.flatMap((provider) => [provider.hosts.auth.env, provider.hosts.api.env]))];

const byId = new Map(providers.map((provider) => [provider.id, provider]));

export function findProvider(id: string): ProviderDefinition | undefined {
  return byId.get(id);
}

/** A provider id from input (URL segment, API body): one of the catalog's, or a validation error. */
export const providerId = z.string().refine((id) => byId.has(id), { message: "Unknown provider." });

/** Base URLs for a provider, honouring the environment overrides its data names. */
export function providerHosts(provider: ProviderDefinition, environment: Readonly<Record<string, string | undefined>>) {
  const pick = (host: { default: string; env: string }) => (environment[host.env] || host.default).replace(/\/+$/, "");
  return { auth: pick(provider.hosts.auth), api: pick(provider.hosts.api) };
}

/** Granted scopes plus everything they imply, transitively. */
export function expandScopes(provider: ProviderDefinition, granted: Iterable<string>): Set<string> {
  const expanded = new Set<string>();
  const pending = [...granted];
  while (pending.length > 0) {
    const scope = pending.pop()!;
    if (expanded.has(scope)) continue;
    expanded.add(scope);
    pending.push(...(provider.implies[scope] ?? []));
  }
  return expanded;
}

/** The required scopes that the granted ones (with implications) do not cover, in the catalog's order. */
export function missingScopes(provider: ProviderDefinition, required: Iterable<string>, granted: Iterable<string>): string[] {
  const have = expandScopes(provider, granted);
  return [...new Set(required)].filter((scope) => !have.has(scope));
}

export function scopeDescription(provider: ProviderDefinition, scopeId: string): string {
  return provider.scopes.find((scope) => scope.id === scopeId)?.description ?? scopeId;
}

export function redirectUri(appUrl: string, provider: ProviderDefinition): string {
  return `${appUrl}/api/oauth/${provider.id}/callback`;
}
