import { CodeTabs } from "@/components/onboarding/code-tabs";
import { snippets } from "@/components/onboarding/snippets";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { getApplication, parseStoredOrigins } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { providers } from "@/lib/providers";
import { deleteApplicationAction, renameApplicationAction } from "../../actions";
import { saveAllowedOriginsAction, saveBrandingAction } from "./actions";

export const metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const application = await loadOrNotFound(getApplication(await requireActor(), applicationId));
  const origins = parseStoredOrigins(application.allowedOrigins);
  const apiBase = `${getConfig().appUrl}/api/v1`;
  return (
    <div className="space-y-6">
      <Card
        title="Return URLs"
        description="After connecting, end users go back to the connect session's returnUrl. It must be on one of these origins; any other is refused with HTTP 400, so a connect link cannot send anyone elsewhere."
      >
        <ActionForm action={saveAllowedOriginsAction} submitLabel="Save allowed origins" pendingLabel="Saving…">
          <input type="hidden" name="applicationId" value={application.id} />
          <Textarea
            label="Allowed return origins"
            name="allowedOrigins"
            rows={4}
            defaultValue={origins.join("\n")}
            spellCheck={false}
            hint="One origin per line: scheme, host and port only, like https://app.example.com. At most 20."
          />
        </ActionForm>
      </Card>
      <Card
        title="Connected-accounts page"
        description="Your backend can send an end user to a page of their own (POST /api/v1/end-user-sessions) where they see, disconnect and reconnect the accounts they connected. It shows your application's name, and these if set."
      >
        <ActionForm action={saveBrandingAction} submitLabel="Save page branding" pendingLabel="Saving…">
          <input type="hidden" name="applicationId" value={application.id} />
          <Field
            label="Logo URL"
            name="logoUrl"
            type="url"
            defaultValue={application.logoUrl ?? ""}
            placeholder="https://app.example.com/logo.png"
            hint="An https:// image, shown at 40 × 40 pixels. Leave empty for none."
          />
          <Field
            label="Accent colour"
            name="accentColor"
            defaultValue={application.accentColor ?? ""}
            placeholder="#4f46e5"
            spellCheck={false}
            hint="For the page's main buttons, written #rrggbb. Leave empty for the default indigo."
          />
        </ActionForm>
      </Card>
      <Card title="Using the API" description="Your backend calls the API with one of this application's API keys.">
        <div className="space-y-4">
          <CopyField id="api-base-url" label="API base URL" value={apiBase} />
          <figure className="space-y-1">
            <figcaption className="text-sm font-medium text-slate-800">Create a connect session, then send your end user to its connectUrl:</figcaption>
            <CodeTabs
              id="connect-session-code"
              label="Language"
              snippets={snippets(apiBase, { kind: "connect-session", providerId: providers[0]!.id, returnOrigin: origins[0] ?? null })}
            />
          </figure>
        </div>
      </Card>
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
          confirm={<p>Delete “{application.name}”? Backends using its API keys stop working at once.</p>}
        >
          <input type="hidden" name="applicationId" value={application.id} />
        </ActionForm>
      </Card>
    </div>
  );
}
