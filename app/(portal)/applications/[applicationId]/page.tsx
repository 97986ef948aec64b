import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { getApplication } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { deleteApplicationAction, renameApplicationAction } from "../actions";

export const metadata = { title: "Overview" };

export default async function ApplicationOverviewPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const application = await loadOrNotFound(getApplication(await requireActor(), applicationId));
  return (
    <div className="space-y-6">
      <Card title="Rename">
        <ActionForm action={renameApplicationAction} submitLabel="Save name">
          <input type="hidden" name="applicationId" value={application.id} />
          <Field label="Application name" name="name" defaultValue={application.name} required maxLength={100} />
        </ActionForm>
      </Card>
      <Card
        title="Delete this application"
        description="Deletes its API keys, provider settings and connected accounts, with their tokens. This cannot be undone."
      >
        <ActionForm
          action={deleteApplicationAction}
          submitLabel="Delete application"
          variant="danger"
          confirm={<p>Delete “{application.name}” and everything in it? Backends using its API keys stop working at once.</p>}
        >
          <input type="hidden" name="applicationId" value={application.id} />
        </ActionForm>
      </Card>
    </div>
  );
}
