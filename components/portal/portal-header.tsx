"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useRef, useState, type ReactNode } from "react";
import { currentHref } from "./current";
import type { Section } from "./section-nav";

/**
 * The portal's header. On a narrow screen its links, the account and Sign out fold behind a Menu
 * button; the menu closes when you go to another page or press Escape.
 */
export function PortalHeader({ links, account, signOut }: { links: Section[]; account: string; signOut: ReactNode }) {
  const pathname = usePathname();
  // Open on the page it was opened on: moving to another page closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const menuButton = useRef<HTMLButtonElement>(null);
  const current = currentHref(
    pathname,
    links.map((link) => link.href),
  );
  return (
    <header className="border-b border-slate-200 bg-white">
      <div
        className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3"
        onKeyDown={(event) => {
          if (event.key === "Escape" && open) {
            setOpenOn(null);
            menuButton.current?.focus();
          }
        }}
      >
        <Link href="/applications" className="text-lg font-bold tracking-tight">
          Latchkey
        </Link>
        <button
          ref={menuButton}
          type="button"
          aria-expanded={open}
          aria-controls="portal-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
          className="ml-auto rounded-md px-3 py-2 text-sm font-semibold ring-1 ring-inset ring-slate-300 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600 md:hidden"
        >
          Menu
        </button>
        <div
          id="portal-menu"
          className={`${open ? "flex" : "hidden"} w-full flex-col gap-3 md:flex md:w-auto md:min-w-0 md:flex-1 md:flex-row md:items-center md:gap-6`}
        >
          <nav aria-label="Main">
            <ul className="flex flex-col gap-2 md:flex-row md:gap-6">
              {links.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={link.href === current ? "page" : undefined}
                    className={`text-sm ${link.href === current ? "font-semibold text-indigo-700" : "text-slate-700 hover:text-slate-900"}`}
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <span className="min-w-0 break-words text-sm text-slate-600 md:ml-auto">{account}</span>
          <div>{signOut}</div>
        </div>
      </div>
    </header>
  );
}
