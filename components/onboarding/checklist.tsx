import Link from "next/link";
import type { OnboardingStep } from "@/lib/onboarding";

const steps: { step: OnboardingStep; title: string; hint: string; link: (base: string) => { href: string; text: string } }[] = [
  {
    step: "provider",
    title: "Add a provider",
    hint: "Register an OAuth app at the provider and save its Client ID and Secret here.",
    link: (base) => ({ href: `${base}/providers/new`, text: "Add a provider" }),
  },
  {
    step: "apiKey",
    title: "Create an API key",
    hint: "Your backend sends it with every request.",
    link: (base) => ({ href: `${base}/api-keys`, text: "Create an API key" }),
  },
  {
    step: "returnOrigin",
    title: "Allow a return origin",
    hint: "Where end users may come back to after connecting.",
    link: (base) => ({ href: `${base}/settings`, text: "Allow a return origin" }),
  },
  {
    step: "connectLink",
    title: "Make a connect link from your backend",
    hint: "POST /api/v1/connect-sessions, then send your end user to its connectUrl.",
    link: () => ({ href: "#next-step", text: "See the code" }),
  },
  {
    step: "tokenRead",
    title: "Read a token",
    hint: "GET /api/v1/connections/{id}/token from your backend.",
    link: (base) => ({ href: `${base}/connections`, text: "Find a connection" }),
  },
];

/** The first hour as five steps, each ticked from what really happened, each with where to do it. */
export function Checklist({ applicationId, done }: { applicationId: string; done: Record<OnboardingStep, boolean> }) {
  const base = `/applications/${applicationId}`;
  return (
    <ol className="space-y-3">
      {steps.map(({ step, title, hint, link }, index) => {
        const { href, text } = link(base);
        return (
          <li key={step} className="flex items-start gap-3">
            <span
              aria-hidden
              className={`mt-0.5 inline-flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${done[step] ? "bg-emerald-600 text-white" : "bg-slate-100 text-slate-600 ring-1 ring-slate-300"}`}
            >
              {done[step] ? "✓" : index + 1}
            </span>
            <div className="min-w-0 flex-1 text-sm">
              <p className={done[step] ? "font-medium text-slate-600" : "font-medium text-slate-900"}>
                {title} <span className={done[step] ? "text-emerald-700" : "sr-only"}>{done[step] ? "· Done" : "· To do"}</span>
              </p>
              <p className="text-slate-600">
                {hint}{" "}
                <Link href={href} className="text-indigo-700 underline">
                  {text}
                </Link>
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
