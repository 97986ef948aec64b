import { escapeHtml } from "../shared/http";
import { accountPicker, alertBody, hiddenField, pageShell } from "../shared/pages";
import { SCOPE_DESCRIPTIONS } from "./scopes";
import type { FakeApplication, FakeUser } from "./types";

export const DECISION_PATH = "/login/oauth/authorize/decision";

const page = pageShell("GitHub");

/** Checked by default; unchecking one grants less than requested, as GitHub users can [SC]. */
function scopeCheckbox(scope: string): string {
  const id = `scope-${scope.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const description = SCOPE_DESCRIPTIONS[scope] ?? scope;
  return `<li><input type="checkbox" id="${escapeHtml(id)}" name="grant_scope" value="${escapeHtml(scope)}" checked>
<label for="${escapeHtml(id)}">${escapeHtml(description)} (<code>${escapeHtml(scope)}</code>)</label></li>`;
}

function account(user: FakeUser): { key: string; label: string } {
  return { key: user.login, label: user.name === null ? user.login : `${user.name} (${user.login})` };
}

export interface AuthorizePageInput {
  application: FakeApplication;
  users: FakeUser[];
  currentUser: FakeUser;
  /** The requested scopes after normalisation; each is offered as a checkbox. */
  scopes: string[];
  /** The request's parameters, echoed in hidden fields exactly as received (null: absent). */
  echoed: Record<string, string | null>;
}

export function authorizePage({ application, users, currentUser, scopes, echoed }: AuthorizePageInput): string {
  const name = application.name ?? application.clientId;
  const scopeList = scopes.length ? `<ul>${scopes.map(scopeCheckbox).join("\n")}</ul>` : "<p>Public data only: limited access to your public information.</p>";
  const hidden = Object.entries(echoed)
    .map(([field, value]) => hiddenField(field, value))
    .join("\n");
  return page(
    `Authorize ${name}`,
    `<h1>Authorize ${escapeHtml(name)}</h1>
<form method="post" action="${DECISION_PATH}">
${hidden}
<h2>${escapeHtml(name)} wants to access your account</h2>
${scopeList}
${accountPicker(users.map(account), currentUser.login)}
<p><button type="submit" name="decision" value="authorize">Authorize</button>
<button type="submit" name="decision" value="cancel">Cancel</button></p>
</form>`,
  );
}

/** GitHub answers an unknown client_id with its plain 404 page, never a redirect. */
export function notFoundPage(): string {
  return page("Page not found", alertBody("404", "This is not the web page you are looking for."));
}

export function errorPage(message: string): string {
  return page("Invalid OAuth request", alertBody("Invalid OAuth request", message));
}
