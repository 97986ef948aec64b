import { Checklist } from "@/components/onboarding/checklist";
import { CodeTabs } from "@/components/onboarding/code-tabs";
import { nextStep } from "@/components/onboarding/next-step";
import { snippets } from "@/components/onboarding/snippets";
import { applicationTitle } from "@/components/portal/title";
import { Card } from "@/components/ui/card";
import { getApplication } from "@/lib/applications";
import { loadOrNotFound, requireActor } from "@/lib/auth";
import { getConfig } from "@/lib/config";
import { onboardingProgress } from "@/lib/onboarding";

// The layout's title template stops at its own page, so the Overview names its application itself.
export async function generateMetadata({ params }: { params: Promise<{ applicationId: string }> }) {
  const application = await loadOrNotFound(getApplication(await requireActor(), (await params).applicationId));
  return { title: { absolute: applicationTitle(application.name, "Overview") } };
}

export default async function ApplicationOverviewPage({ params }: { params: Promise<{ applicationId: string }> }) {
  const { applicationId } = await params;
  const progress = await loadOrNotFound(onboardingProgress(await requireActor(), applicationId));
  const doneCount = Object.values(progress.done).filter(Boolean).length;
  const next = nextStep(progress);
  return (
    <div className="space-y-6">
      <Card title="Get started" description={`${doneCount} of 5 steps done, from an empty application to your backend reading tokens.`}>
        <Checklist applicationId={applicationId} done={progress.done} />
      </Card>
      <section id="next-step" aria-labelledby="next-step-heading" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="next-step-heading" className="text-lg font-semibold">
          {next.title}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{next.description}</p>
        <div className="mt-4">
          <CodeTabs id="next-step-code" label="Language" snippets={snippets(`${getConfig().appUrl}/api/v1`, next.request)} />
        </div>
      </section>
    </div>
  );
}
