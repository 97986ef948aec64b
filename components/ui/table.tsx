import type { ReactNode } from "react";

/**
 * Every table in the portal: on a narrow screen it scrolls sideways inside its own region, never
 * the page. The region is labelled and focusable so a keyboard can scroll it (axe's
 * scrollable-region-focusable), even when no cell holds a link. `relative` keeps absolutely
 * placed cells' content (screen-reader-only headers) inside the scroll, not widening the page.
 */
export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative overflow-x-auto rounded focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      <table aria-label={label} className="w-full text-left text-sm">
        {children}
      </table>
    </div>
  );
}
