// Reads who connected, through the provider's profile endpoint named in its data.
import "server-only";
import { z } from "zod";
import { getConfig } from "../config";
import type { Secret } from "../crypto";
import { log } from "../log";
import { expandScopes, providerHosts, type ProviderDefinition } from "../providers";
import { assertNotTransient, providerFetch, readJsonBody } from "./provider-http";

export type ProviderAccount = { id: string; login: string | null; name: string | null; avatarUrl: string | null; email: string | null };

export class ProfileUnreadable extends Error {
  override name = "ProfileUnreadable";
}

function pick(source: unknown, dottedPath: string): unknown {
  return dottedPath.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), source);
}

const optionalText = z.string().min(1).nullable().catch(null);

async function getJson(provider: ProviderDefinition, path: string, accessToken: Secret): Promise<unknown> {
  const url = providerHosts(provider, getConfig().environment).api + path;
  const response = await providerFetch(url, { headers: { authorization: `Bearer ${accessToken.reveal()}`, accept: "application/json" } });
  assertNotTransient(response);
  if (!response.ok) throw new ProfileUnreadable(`HTTP ${response.status} from ${path}`);
  return readJsonBody(response);
}

export async function readProviderAccount(provider: ProviderDefinition, accessToken: Secret, grantedScopes: string[]): Promise<ProviderAccount> {
  const profile = await getJson(provider, provider.profile.path, accessToken);
  const id = pick(profile, provider.profile.id);
  if (typeof id !== "string" || id.length === 0) throw new ProfileUnreadable("the profile has no account id");
  const account: ProviderAccount = {
    id,
    login: optionalText.parse(pick(profile, provider.profile.login)),
    name: optionalText.parse(pick(profile, provider.profile.name)),
    avatarUrl: optionalText.parse(pick(profile, provider.profile.avatar)),
    email: null,
  };
  const emails = provider.profile.emails;
  if (emails && expandScopes(provider, grantedScopes).has(emails.scope)) {
    // The address is a nicety: the connection stands without it.
    try {
      const list = pick(await getJson(provider, emails.path, accessToken), emails.list);
      const entries = Array.isArray(list) ? list : [];
      const primary = entries.find((entry) => pick(entry, emails.primary) === true) ?? entries[0];
      account.email = optionalText.parse(pick(primary, emails.address));
    } catch (error) {
      log.warn("could not read the connected account's email addresses", { provider: provider.id, error: (error as Error).name });
    }
  }
  return account;
}
