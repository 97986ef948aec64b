"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentHref } from "./current";

export type Section = { href: string; label: string };

/** The tabs of an application or of the Admin area; the current one is marked for the eye and for screen readers. They wrap on a narrow screen. */
export function SectionNav({ label, sections }: { label: string; sections: Section[] }) {
  const current = currentHref(
    usePathname(),
    sections.map((section) => section.href),
  );
  return (
    <nav aria-label={label} className="border-b border-slate-200">
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {sections.map((section) => {
          const isCurrent = section.href === current;
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={isCurrent ? "page" : undefined}
                className={`-mb-px block border-b-2 px-1 pb-2 pt-1 text-sm font-medium ${
                  isCurrent ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-700 hover:border-slate-400 hover:text-slate-900"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
