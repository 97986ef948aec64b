"use client";

import { useState } from "react";
import { FieldError } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import type { ProviderDefinition, ProviderScope } from "@/lib/providers";

type Props = {
  provider: Pick<ProviderDefinition, "name" | "scopes" | "requiredScopes" | "scopesRequestable" | "implies">;
  initiallySelected: string[];
  error?: string;
};

/** The id of a scope's checkbox, for labels and for links from the form's error summary. */
export function scopeInputId(scope: string): string {
  return `scope-${scope.replace(/\W/g, "-")}`;
}

/** For each scope, the scopes that include it (the declaration lists it the other way round). */
function impliedBy(implies: Record<string, string[]>): Map<string, string[]> {
  const reverse = new Map<string, string[]>();
  for (const [broader, narrower] of Object.entries(implies)) for (const scope of narrower) reverse.set(scope, [...(reverse.get(scope) ?? []), broader]);
  return reverse;
}

/** The scopes an application requires, as checkboxes in compact tables: the documented ones first, then the rest. */
export function ScopePicker({ provider, initiallySelected, error }: Props) {
  const [selected, setSelected] = useState(() => new Set(initiallySelected));
  const toggle = (scope: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  // The server refuses these too; saying so as soon as one is cleared saves a round trip.
  const clearedRequired = provider.requiredScopes.filter((required) => !selected.has(required.id));
  const included = impliedBy(provider.implies);
  const groups = [
    { title: "Documented scopes", scopes: provider.scopes.filter((scope) => scope.documented) },
    { title: "More scopes", scopes: provider.scopes.filter((scope) => !scope.documented) },
  ];

  return (
    <fieldset id="scopes" className="space-y-3" aria-describedby="scopes-note scopes-error" aria-invalid={error ? true : undefined}>
      <legend className="text-base font-semibold text-slate-900">
        Scopes your application requires <span className="font-normal text-slate-600">({selected.size} selected)</span>
      </legend>
      <p id="scopes-note" className="text-sm text-slate-600">
        {provider.scopesRequestable
          ? `${provider.name} grants the scopes chosen here.`
          : `${provider.name} ignores the scopes an application asks for: the permissions ticked on its OAuth consumer decide what end users grant.`}{" "}
        When someone connects, the vault compares what was granted with the scopes chosen here and reports any that are missing.
      </p>
      {clearedRequired.map((required) => (
        <p key={required.id} role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Keep <span className="font-mono">{required.id}</span> ticked: {required.reason}
        </p>
      ))}
      <FieldError id="scopes-error" message={error} />
      {groups.map((group) => (
        <ScopeTable key={group.title} title={group.title} scopes={group.scopes} selected={selected} included={included} onToggle={toggle} />
      ))}
    </fieldset>
  );
}

function ScopeTable({
  title,
  scopes,
  selected,
  included,
  onToggle,
}: {
  title: string;
  scopes: ProviderScope[];
  selected: ReadonlySet<string>;
  included: ReadonlyMap<string, string[]>;
  onToggle: (scope: string, on: boolean) => void;
}) {
  return (
    <Table label={title}>
      <caption className="pb-1 text-left text-sm font-semibold text-slate-800">{title}</caption>
      <thead>
        <tr className="border-b border-slate-200 text-xs text-slate-600">
          <th className="py-1 pr-3 font-medium">Scope</th>
          <th className="py-1 font-medium">Description</th>
        </tr>
      </thead>
      <tbody>
        {scopes.map((scope) => {
          const id = scopeInputId(scope.id);
          const by = included.get(scope.id);
          return (
            <tr key={scope.id} className="border-b border-slate-100 align-top">
              <td className="whitespace-nowrap py-0.5 pr-3">
                <input
                  type="checkbox"
                  id={id}
                  name="scopes"
                  value={scope.id}
                  checked={selected.has(scope.id)}
                  onChange={(event) => onToggle(scope.id, event.currentTarget.checked)}
                  aria-describedby={`${id}-description`}
                  className="mr-2 align-middle"
                />
                <label htmlFor={id} className="font-mono text-xs">
                  {scope.id}
                </label>
              </td>
              <td id={`${id}-description`} className="py-0.5">
                {scope.description}
                {by ? <span className="text-xs text-slate-500"> · implied by {by.join(", ")}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
