import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/portal/sign-out-button";
import { requireActor } from "@/lib/auth";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <nav aria-label="Main" className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3">
          <Link href="/applications" className="text-lg font-bold tracking-tight">
            Latchkey
          </Link>
          <Link href="/applications" className="text-sm text-slate-700 hover:text-slate-900">
            Applications
          </Link>
          {actor.role === "ADMIN" ? (
            <Link href="/admin" className="text-sm text-slate-700 hover:text-slate-900">
              Admin
            </Link>
          ) : null}
          <span className="ml-auto text-sm text-slate-600">
            {actor.email} · {actor.role === "ADMIN" ? "Admin" : "Developer"}
          </span>
          <SignOutButton />
        </nav>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </div>
  );
}
