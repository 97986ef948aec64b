import type { ReactNode } from "react";
import { PortalHeader } from "@/components/portal/portal-header";
import { SignOutButton } from "@/components/portal/sign-out-button";
import { requireActor } from "@/lib/auth";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const links = [{ href: "/applications", label: "Applications" }, ...(actor.role === "ADMIN" ? [{ href: "/admin", label: "Admin" }] : [])];
  return (
    <div className="min-h-screen">
      <PortalHeader links={links} account={`${actor.email} · ${actor.role === "ADMIN" ? "Admin" : "Developer"}`} signOut={<SignOutButton />} />
      <main id="content" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
