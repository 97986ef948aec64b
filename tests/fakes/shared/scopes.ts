/** The scopes plus everything they imply, transitively, by one provider's table of implications. */
export function withImplied(scopes: readonly string[], implies: Readonly<Record<string, readonly string[]>>): Set<string> {
  const expanded = new Set<string>();
  const pending = [...scopes];
  for (let scope = pending.pop(); scope !== undefined; scope = pending.pop()) {
    if (expanded.has(scope)) continue;
    expanded.add(scope);
    pending.push(...(implies[scope] ?? []));
  }
  return expanded;
}
