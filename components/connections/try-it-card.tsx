import { Card } from "@/components/ui/card";
import type { TokenState } from "./try-it-state";
import { GetToken } from "./try-it-token";

type Props = {
  applicationId: string;
  connectionId: string;
  getToken: (previous: TokenState, formData: FormData) => Promise<TokenState>;
};

/** On an active connection's page: what your backend would get from the API, without writing code. */
export function TryItCard({ applicationId, connectionId, getToken }: Props) {
  return (
    <Card title="Try it" description="What your backend gets from the API for this connection. Each token read is recorded in the audit log as yours.">
      <div className="space-y-6">
        <GetToken applicationId={applicationId} connectionId={connectionId} action={getToken} />
      </div>
    </Card>
  );
}
