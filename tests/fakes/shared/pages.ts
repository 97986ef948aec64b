import { escapeHtml } from "./http";

/**
 * The HTML shell of a fake's pages: `<title>` ends in "| <site> (fake)" and a footer says which
 * product is faked, so a browser test or demo user never mistakes it for the real one.
 */
export function pageShell(site: string, product = site): (title: string, body: string) => string {
  return (title, body) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} | ${site} (fake)</title></head>
<body>
<main>
${body}
<p><small>This is a fake ${product} for tests and offline demos.</small></p>
</main>
</body>
</html>
`;
}

/** A hidden form field echoing a request parameter; nothing when the parameter was absent (null). */
export function hiddenField(name: string, value: string | null): string {
  return value === null ? "" : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

/** An error page's body: a heading and the message as an alert. */
export function alertBody(heading: string, message: string): string {
  return `<h1>${escapeHtml(heading)}</h1>\n<p role="alert">${escapeHtml(message)}</p>`;
}

/**
 * The authorize page's "Signed in as" list, posted as `account`: a fake has no sign-in, so the
 * tester picks the user here; `current` is preselected.
 */
export function accountPicker(accounts: readonly { key: string; label: string }[], current: string): string {
  const options = accounts
    .map(({ key, label }) => {
      const selected = key === current ? " selected" : "";
      return `<option value="${escapeHtml(key)}"${selected}>${escapeHtml(label)}</option>`;
    })
    .join("");
  return `<p><label for="account">Signed in as</label>
<select id="account" name="account">${options}</select></p>`;
}
