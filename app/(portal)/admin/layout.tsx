import Link from "next/link";
import type { ReactNode } from "react";
import { requireAdmin } from "@/lib/auth";

const sections = [
  { href: "/admin/users", label: "Accounts" },
  { href: "/admin/connections", label: "Connections" },
  { href: "/admin/audit", label: "Audit log" },
];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Admin</h1>
      <nav aria-label="Admin" className="flex gap-4 border-b border-slate-200">
        {sections.map((section) => (
          <Link key={section.href} href={section.href} className="-mb-px px-1 pb-2 text-sm font-medium text-slate-700">
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
