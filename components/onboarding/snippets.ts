// The code a developer's backend runs for each step, in curl, Node.js fetch and Python requests,
// written with the application's real base URL. The API key is an environment variable, or the
// key itself right after it was revealed.

export type SnippetLanguage = "curl" | "node" | "python";

export type Snippet = { language: SnippetLanguage; label: string; code: string };

export type SnippetRequest =
  | { kind: "connect-session"; providerId: string; returnOrigin: string | null }
  | { kind: "token"; connectionId: string | null }
  | { kind: "proxy"; connectionId: string | null; path: string };

const KEY_VARIABLE = "LATCHKEY_API_KEY";

type Call = {
  method: "GET" | "POST";
  url: string;
  body?: Record<string, string>;
  /** What the answer gives, in words, and the field to read. */ result: { comment: string; field?: string };
};

function call(apiBase: string, request: SnippetRequest): Call {
  const connection = `${apiBase}/connections/${request.kind === "connect-session" ? "" : (request.connectionId ?? "CONNECTION_ID")}`;
  switch (request.kind) {
    case "connect-session":
      return {
        method: "POST",
        url: `${apiBase}/connect-sessions`,
        body: { endUserId: "user-123", provider: request.providerId, ...(request.returnOrigin ? { returnUrl: `${request.returnOrigin}/integrations` } : {}) },
        result: { comment: "Send your end user to connectUrl: it works once, for 30 minutes.", field: "connectUrl" },
      };
    case "token":
      return { method: "GET", url: `${connection}/token`, result: { comment: "A fresh access token for the provider's API.", field: "accessToken" } };
    case "proxy":
      return { method: "GET", url: `${connection}/proxy/${request.path}`, result: { comment: "The provider's answer, called with the connection's token." } };
  }
}

/** A flat object of strings, written so it is valid JavaScript and Python alike. */
function literal(body: Record<string, string>): string {
  return `{${Object.entries(body)
    .map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`)
    .join(", ")}}`;
}

function curl({ method, url, body }: Call, key: string | null): string {
  const lines = [`curl${method === "GET" ? "" : ` -X ${method}`} ${url}`, `  -H "Authorization: Bearer ${key ?? `$${KEY_VARIABLE}`}"`];
  if (body) lines.push(`  -H "Content-Type: application/json"`, `  -d '${JSON.stringify(body)}'`);
  return lines.join(" \\\n");
}

function node({ method, url, body, result }: Call, key: string | null): string {
  const authorization = key ? `"Bearer ${key}"` : `\`Bearer \${process.env.${KEY_VARIABLE}}\``;
  const options = [
    ...(method === "GET" ? [] : [`  method: "${method}",`]),
    body ? `  headers: { Authorization: ${authorization}, "Content-Type": "application/json" },` : `  headers: { Authorization: ${authorization} },`,
    ...(body ? [`  body: JSON.stringify(${literal(body)}),`] : []),
  ];
  const read = result.field ? `const { ${result.field} } = await response.json();` : "const answer = await response.json();";
  return [`const response = await fetch("${url}", {`, ...options, "});", `// ${result.comment}`, read].join("\n");
}

function python({ method, url, body, result }: Call, key: string | null): string {
  const authorization = key ? `"Bearer ${key}"` : `f"Bearer {os.environ['${KEY_VARIABLE}']}"`;
  const json = body ? `    json=${literal(body)},` : null;
  const read = result.field
    ? `${result.field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)} = response.json()["${result.field}"]`
    : "answer = response.json()";
  return [
    key ? "import requests" : "import os\nimport requests",
    "",
    `response = requests.${method.toLowerCase()}(`,
    `    "${url}",`,
    `    headers={"Authorization": ${authorization}},`,
    ...(json ? [json] : []),
    ")",
    "response.raise_for_status()",
    `# ${result.comment}`,
    read,
  ].join("\n");
}

/** The request in each language; `key` is the API key to write in, or null for the environment variable. */
export function snippets(apiBase: string, request: SnippetRequest, key: string | null = null): Snippet[] {
  const made = call(apiBase, request);
  return [
    { language: "curl", label: "curl", code: curl(made, key) },
    { language: "node", label: "Node.js", code: node(made, key) },
    { language: "python", label: "Python", code: python(made, key) },
  ];
}
