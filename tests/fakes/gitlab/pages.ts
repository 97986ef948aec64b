import { escapeHtml } from "../shared/http";
import { accountPicker, alertBody, hiddenField, pageShell } from "../shared/pages";
import { SCOPE_DESCRIPTIONS } from "./scopes";
import type { FakeGitLabApplication, FakeGitLabUser } from "./types";

/** The consent form posts back to the authorize path, as GitLab's does. */
export const AUTHORIZE_PATH = "/oauth/authorize";

const page = pageShell("GitLab");

function scopeItem(scope: string): string {
  const description = SCOPE_DESCRIPTIONS[scope] ?? "";
  return `<li><code>${escapeHtml(scope)}</code> ${escapeHtml(description)}</li>`;
}

function account(user: FakeGitLabUser): { key: string; label: string } {
  return { key: user.username, label: `${user.name} (@${user.username})` };
}

export interface AuthorizePageInput {
  application: FakeGitLabApplication;
  users: FakeGitLabUser[];
  currentUser: FakeGitLabUser;
  scopes: string[];
  /** The request's parameters, echoed in hidden fields exactly as received (absent ones left out). */
  params: Record<string, string | null>;
}

export function authorizePage({ application, users, currentUser, scopes, params }: AuthorizePageInput): string {
  const name = application.name ?? application.applicationId;
  const hidden = Object.entries(params)
    .map(([field, value]) => hiddenField(field, value))
    .filter(Boolean)
    .join("\n");
  return page(
    `Authorize ${name}`,
    `<h1>Authorize ${escapeHtml(name)} to use your account?</h1>
<p>An application called ${escapeHtml(name)} is requesting access to your GitLab account.</p>
<p>This application will be able to:</p>
<ul>${scopes.map(scopeItem).join("")}</ul>
<form method="post" action="${AUTHORIZE_PATH}">
${hidden}
${accountPicker(users.map(account), currentUser.username)}
<p><button type="submit" name="decision" value="authorize">Authorize</button>
<button type="submit" name="decision" value="deny">Deny</button></p>
</form>`,
  );
}

/** GitLab's error page for requests it will not redirect (unknown client, bad redirect_uri). */
export function errorPage(message: string): string {
  return page("An error has occurred", alertBody("An error has occurred", message));
}
