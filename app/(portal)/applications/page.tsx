import Link from "next/link";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { formatDate } from "@/components/ui/format";
import { listApplications } from "@/lib/applications";
import { requireActor } from "@/lib/auth";
import { createApplicationAction } from "./actions";

export const metadata = { title: "Applications" };

export default async function ApplicationsPage() {
  const actor = await requireActor();
  const applications = await listApplications(actor);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-bold">Applications</h1>
      <Card title="Your applications" description={actor.role === "ADMIN" ? "As an admin you see every application." : undefined}>
        {applications.length === 0 ? (
          <p className="text-sm text-slate-600">No applications yet. Create one below.</p>
        ) : (
          <ul className="divide-y divide-slate-200">
            {applications.map((application) => (
              <li key={application.id} className="flex items-center justify-between py-3">
                <Link className="font-medium text-indigo-700 underline" href={`/applications/${application.id}`}>
                  {application.name}
                </Link>
                <span className="text-xs text-slate-600">
                  {actor.role === "ADMIN" ? `${application.owner.email} · ` : ""}created {formatDate(application.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Create an application">
        <ActionForm action={createApplicationAction} submitLabel="Create application" pendingLabel="Creating…">
          <Field label="Application name" name="name" required maxLength={100} />
        </ActionForm>
      </Card>
    </div>
  );
}
