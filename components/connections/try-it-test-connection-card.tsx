import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { FormState } from "@/lib/forms/state";
import { TestConnection } from "./try-it-test-connection";

type Props = {
  applicationId: string;
  providers: { id: string; name: string }[];
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
};

/** The "Test connection" card of the Connections page and of a provider's page. */
export function TestConnectionCard({ applicationId, providers, action }: Props) {
  const what = providers.length === 1 ? `a ${providers[0]!.name} account` : "an account";
  return (
    <Card
      title="Test connection"
      description={`Connect ${what} yourself, as your end user would, through the same single-use link the API makes. No code or API key needed.`}
    >
      {providers.length ? (
        <TestConnection applicationId={applicationId} providers={providers} action={action} />
      ) : (
        <p className="text-sm text-slate-600">
          No provider is Active yet.{" "}
          <Link href={`/applications/${applicationId}/providers/new`} className="text-indigo-700 underline">
            Add a provider
          </Link>{" "}
          first.
        </p>
      )}
    </Card>
  );
}
