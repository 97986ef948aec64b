"use client";

import Link from "next/link";
import { createContext, useContext, useEffect, useId, useMemo, useRef, useState, type ButtonHTMLAttributes, type KeyboardEvent, type ReactNode } from "react";

type MenuHandle = {
  close: () => void;
  /** The button that opens the menu: where focus returns once an item's dialog closes. */
  button: () => HTMLButtonElement | null;
};

const MenuContext = createContext<MenuHandle | null>(null);

/** The menu an item sits in, if any: its button becomes a menuitem, and a dialog it opens returns focus to the menu's button. */
export function useMenu(): MenuHandle | null {
  return useContext(MenuContext);
}

/**
 * A row's actions behind one "Actions for <name>" button (the WAI-ARIA menu button pattern):
 * Enter, Space or ↓ opens it on the first item, ↑ on the last; ↑ ↓ Home End move; Escape closes
 * it and returns to the button; Tab or a click elsewhere closes it. The items stay mounted while
 * it is closed, so a confirmation one of them opened outlives the menu.
 */
export function RowMenu({ name, children }: { name: string; children: ReactNode }) {
  const label = `Actions for ${name}`;
  const [open, setOpen] = useState(false);
  const [focusOnOpen, setFocusOnOpen] = useState<"first" | "last">("first");
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const handle = useMemo<MenuHandle>(() => ({ close: () => setOpen(false), button: () => button.current }), []);

  function items(): HTMLElement[] {
    return [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
  }

  useEffect(() => {
    if (!open) return;
    const all = items();
    (focusOnOpen === "first" ? all[0] : all[all.length - 1])?.focus();
  }, [open, focusOnOpen]);

  function show(where: "first" | "last") {
    setFocusOnOpen(where);
    setOpen(true);
  }

  function closeToButton() {
    setOpen(false);
    button.current?.focus();
  }

  function onButtonKey(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      show(event.key === "ArrowDown" ? "first" : "last");
    }
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    // A dialog an item opened is portalled elsewhere in the page, but its keys still bubble here through React.
    if (!event.currentTarget.contains(event.target as Node)) return;
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      all[(index + all.length) % all.length]?.focus();
    };
    if (event.key === "ArrowDown") move(at + 1);
    else if (event.key === "ArrowUp") move(at - 1);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(all.length - 1);
    else if (event.key === "Escape") {
      event.preventDefault();
      closeToButton();
    } else if (event.key === "Tab") setOpen(false);
  }

  return (
    <MenuContext.Provider value={handle}>
      <div
        className="relative inline-block text-left"
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget)) setOpen(false);
        }}
      >
        <button
          ref={button}
          type="button"
          aria-haspopup="menu"
          aria-expanded={open}
          aria-controls={menuId}
          onClick={() => (open ? setOpen(false) : show("first"))}
          onKeyDown={onButtonKey}
          className="inline-flex items-center gap-1 rounded-md bg-white px-2.5 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Actions<span className="sr-only"> for {name}</span>
          <span aria-hidden>▾</span>
        </button>
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          hidden={!open}
          onKeyDown={onMenuKey}
          className="absolute right-0 z-20 mt-1 min-w-48 flex-col rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200"
        >
          {children}
        </div>
      </div>
    </MenuContext.Provider>
  );
}

/** How a menu item looks; menus hold buttons (often an ActionForm's) and links. */
const menuItemClass = "block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none disabled:opacity-50";

/** A button as a menu item, taking the same props as Button (a danger item is red). */
export function MenuItemButton({ variant, className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: string }) {
  return <button role="menuitem" className={`${menuItemClass} ${variant === "danger" ? "text-red-700" : "text-slate-800"} ${className}`} {...props} />;
}

/** A link as a menu item (to a row's detail page). */
export function MenuItemLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link role="menuitem" href={href} className={`${menuItemClass} text-slate-800`}>
      {children}
    </Link>
  );
}
