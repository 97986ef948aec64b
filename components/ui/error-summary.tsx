"use client";

import { useEffect, useRef } from "react";

export type SummaryError = { message: string; /** The id of the element to focus: the field, or the first control of a group. */ target: string };

/**
 * Every problem of a form that failed, at its top, each a link to its field. It takes focus when
 * it appears so keyboard and screen reader users start from the list, not from the button.
 */
export function ErrorSummary({ title, errors }: { title: string; errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [errors]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="group"
      aria-labelledby="error-summary-title"
      className="rounded-md border border-red-300 bg-red-50 p-4 text-sm text-red-900 focus:outline-2 focus:outline-red-600"
    >
      <h3 id="error-summary-title" className="font-semibold">
        {title}
      </h3>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {errors.map((error) => (
          <li key={error.target}>
            <a
              href={`#${error.target}`}
              className="underline"
              onClick={(event) => {
                // A fragment link scrolls but does not focus an input: focus it, so typing goes there.
                const field = document.getElementById(error.target);
                if (!field) return;
                event.preventDefault();
                field.focus();
                field.scrollIntoView({ block: "center" });
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
