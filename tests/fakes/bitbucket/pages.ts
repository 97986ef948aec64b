import { escapeHtml } from "../shared/http";
import { accountPicker, alertBody, hiddenField, pageShell } from "../shared/pages";
import { SCOPE_DESCRIPTIONS } from "./scopes";
import type { FakeConsumer, FakeUser } from "./types";

export const DECISION_PATH = "/site/oauth2/authorize/decision";

const page = pageShell("Bitbucket", "Bitbucket Cloud");

function permissionItem(scope: string): string {
  const description = SCOPE_DESCRIPTIONS[scope];
  const text = description ? `${escapeHtml(description)} (<code>${escapeHtml(scope)}</code>)` : `<code>${escapeHtml(scope)}</code>`;
  return `<li>${text}</li>`;
}

function account(user: FakeUser): { key: string; label: string } {
  return { key: user.nickname, label: `${user.displayName} (${user.nickname})` };
}

export interface AuthorizePageInput {
  consumer: FakeConsumer;
  users: FakeUser[];
  currentUser: FakeUser;
  /** Echoed back in hidden fields exactly as received; null means the parameter was absent. */
  state: string | null;
  redirectUri: string | null;
}

export function authorizePage({ consumer, users, currentUser, state, redirectUri }: AuthorizePageInput): string {
  const name = consumer.name ?? consumer.key;
  const permissions = consumer.permissions.length ? `<ul>${consumer.permissions.map(permissionItem).join("")}</ul>` : "<p>No permissions.</p>";
  return page(
    `Authorize ${name}`,
    `<h1>Authorize ${escapeHtml(name)}</h1>
<h2>${escapeHtml(name)} is requesting access to:</h2>
${permissions}
<form method="post" action="${DECISION_PATH}">
${hiddenField("client_id", consumer.key)}
${hiddenField("response_type", "code")}
${hiddenField("state", state)}
${hiddenField("redirect_uri", redirectUri)}
${accountPicker(users.map(account), currentUser.nickname)}
<p><button type="submit" name="decision" value="grant">Grant access</button>
<button type="submit" name="decision" value="deny">Deny</button></p>
</form>`,
  );
}

export function errorPage(message: string): string {
  return page("Invalid OAuth request", alertBody("Invalid OAuth request", message));
}
