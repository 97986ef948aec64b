"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import type { Snippet } from "./snippets";

/**
 * The same request in several languages, as a tablist (WAI-ARIA tabs: one tab in the Tab order,
 * arrow keys, Home and End move between them), each panel with a Copy button.
 */
export function CodeTabs({ id, label, snippets }: { id: string; label: string; snippets: Snippet[] }) {
  const [selected, setSelected] = useState(0);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function select(index: number) {
    const next = (index + snippets.length) % snippets.length;
    setSelected(next);
    tabs.current[next]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: snippets.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  }

  const current = snippets[selected]!;
  return (
    <div className="space-y-2">
      <div role="tablist" aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200">
        {snippets.map((snippet, index) => (
          <button
            key={snippet.language}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${snippet.language}`}
            aria-selected={index === selected}
            aria-controls={`${id}-panel`}
            tabIndex={index === selected ? 0 : -1}
            onClick={() => setSelected(index)}
            onKeyDown={onKeyDown}
            className={`-mb-px border-b-2 px-3 py-1.5 text-sm font-medium ${index === selected ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {snippet.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${current.language}`} className="space-y-2">
        {/* A region, so its label is allowed and a keyboard can scroll a long line. */}
        <pre role="region" tabIndex={0} aria-label={`${current.label} code`} className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
          <code>{current.code}</code>
        </pre>
        <div className="flex flex-wrap items-center gap-2">
          <CopyButton label={`${current.label} code`} value={current.code} />
        </div>
      </div>
    </div>
  );
}
