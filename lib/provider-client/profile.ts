// Reads who connected, through the profile endpoint named in the provider's data.
import "server-only";
import { protectedResourceRequest, WWWAuthenticateChallengeError } from "oauth4webapi";
import { z } from "zod";
import type { Secret } from "../crypto";
import { log } from "../log";
import { expandScopes, type ProviderDefinition } from "../providers";
import { ProfileUnreadable, ProviderUnreachable } from "./errors";
import { hostsOf, requestOptions } from "./http";

export type ProviderAccount = { id: string; login: string | null; name: string | null; avatarUrl: string | null; email: string | null };

function pick(source: unknown, dottedPath: string): unknown {
  if (dottedPath === "") return source;
  return dottedPath
    .split(".")
    .reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), source);
}

const optionalText = z.string().min(1).nullable().catch(null);
// GitLab and GitHub number their accounts; the vault keeps every id as text.
const accountId = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);

async function getJson(provider: ProviderDefinition, path: string, accessToken: Secret): Promise<unknown> {
  const url = new URL(hostsOf(provider).api + path);
  const headers = new Headers({ accept: "application/json" });
  for (const [name, value] of Object.entries(provider.headers.api)) headers.set(name, value);
  let response: Response;
  try {
    response = await protectedResourceRequest(accessToken.reveal(), "GET", url, headers, null, requestOptions(provider, url.href, {}));
  } catch (error) {
    if (error instanceof WWWAuthenticateChallengeError) throw new ProfileUnreadable(`HTTP ${error.status} from ${path}`);
    throw error;
  }
  if (!response.ok) throw new ProfileUnreadable(`HTTP ${response.status} from ${path}`);
  try {
    return await response.json();
  } catch {
    throw new ProviderUnreachable("server_error", response.status);
  }
}

export async function readProfile(provider: ProviderDefinition, accessToken: Secret, grantedScopes: string[]): Promise<ProviderAccount> {
  const { profile } = provider;
  const body = await getJson(provider, profile.path, accessToken);
  const id = accountId.safeParse(pick(body, profile.id));
  if (!id.success) throw new ProfileUnreadable("the profile has no account id");
  return {
    id: id.data,
    login: optionalText.parse(pick(body, profile.login)),
    name: optionalText.parse(pick(body, profile.name)),
    avatarUrl: optionalText.parse(pick(body, profile.avatar)),
    email: (await primaryEmail(provider, accessToken, grantedScopes)) ?? (profile.email ? optionalText.parse(pick(body, profile.email)) : null),
  };
}

/** The primary address from the provider's list, when the grant allows reading it. */
async function primaryEmail(provider: ProviderDefinition, accessToken: Secret, grantedScopes: string[]): Promise<string | null> {
  const emails = provider.profile.emails;
  if (!emails || !expandScopes(provider, grantedScopes).has(emails.scope)) return null;
  // The address is a nicety: the connection stands without it.
  try {
    const list = pick(await getJson(provider, emails.path, accessToken), emails.list);
    const entries: unknown[] = Array.isArray(list) ? list : [];
    const primary = entries.find((entry) => pick(entry, emails.primary) === true) ?? entries[0];
    return optionalText.parse(pick(primary, emails.address));
  } catch (error) {
    log.warn("could not read the connected account's email addresses", { provider: provider.id, error: (error as Error).name });
    return null;
  }
}
