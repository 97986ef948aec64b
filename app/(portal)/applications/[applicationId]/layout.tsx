import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SectionNav } from "@/components/portal/section-nav";
import { applicationTitle } from "@/components/portal/title";
import { getApplication } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";

const sections = [
  { path: "", label: "Overview" },
  { path: "/api-keys", label: "API keys" },
  { path: "/providers", label: "OAuth Providers" },
  { path: "/connections", label: "Connections" },
  { path: "/requests", label: "Requests" },
  { path: "/webhooks", label: "Webhooks" },
  { path: "/settings", label: "Settings" },
];

type Props = { params: Promise<{ applicationId: string }> };

/** The pages below are titled "<page> · <application> · Latchkey"; a template does not reach the page beside this layout (the Overview sets its own). */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { applicationId } = await params;
  const application = await loadOrNotFound(getApplication(await requireActor(), applicationId));
  return { title: { template: applicationTitle(application.name, "%s"), default: `${application.name} · Latchkey` } };
}

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
      <SectionNav
        label="Application"
        sections={sections.map((section) => ({ href: `/applications/${application.id}${section.path}`, label: section.label }))}
      />
      {children}
    </div>
  );
}
