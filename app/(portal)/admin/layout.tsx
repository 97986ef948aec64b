import type { ReactNode } from "react";
import { SectionNav } from "@/components/portal/section-nav";
import { requireAdmin } from "@/lib/auth";

const sections = [
  { href: "/admin/users", label: "Accounts" },
  { href: "/admin/connections", label: "Connections" },
  { href: "/admin/audit", label: "Audit log" },
];

export const metadata = { title: { template: "%s · Admin · Latchkey", default: "Admin · Latchkey" } };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">Admin</h1>
      <SectionNav label="Admin" sections={sections} />
      {children}
    </div>
  );
}
