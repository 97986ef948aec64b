import Link from "next/link";
import type { ReactNode } from "react";
import { getApplication } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";

const sections = [
  { path: "", label: "Overview" },
  { path: "/api-keys", label: "API keys" },
  { path: "/providers", label: "OAuth Providers" },
  { path: "/connections", label: "Connections" },
  { path: "/settings", label: "Settings" },
];

export default async function ApplicationLayout({ children, params }: { children: ReactNode; params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const application = await loadOrNotFound(getApplication(await requireActor(), applicationId));
  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          <Link href="/applications" className="underline">
            Applications
          </Link>{" "}
          /
        </p>
        <h1 className="text-2xl font-bold">{application.name}</h1>
      </div>
      <nav aria-label="Application" className="flex gap-4 border-b border-slate-200">
        {sections.map((section) => (
          <Link
            key={section.label}
            href={`/applications/${application.id}${section.path}`}
            className="-mb-px border-b-2 border-transparent px-1 pb-2 text-sm font-medium text-slate-700 hover:border-slate-400"
          >
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
