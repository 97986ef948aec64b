import { Card } from "@/components/ui/card";
import { TryRequest } from "./try-it-request";
import type { RequestState, TokenState } from "./try-it-state";
import { GetToken } from "./try-it-token";

type Props = {
  connectionId: string;
  example: { path: string; description: string };
  getToken: (previous: TokenState, formData: FormData) => Promise<TokenState>;
  tryRequest: (previous: RequestState, formData: FormData) => Promise<RequestState>;
};

/** On an active connection's page, for the application's owner: what your backend would get from the API, without writing code. */
export function TryItCard({ connectionId, example, getToken, tryRequest }: Props) {
  return (
    <Card
      title="Try it"
      description="What your backend gets from the API for this connection. Each token read is recorded in the audit log as yours, each request in the request log."
    >
      <div className="space-y-6">
        <GetToken connectionId={connectionId} action={getToken} />
        <TryRequest connectionId={connectionId} example={example} action={tryRequest} />
      </div>
    </Card>
  );
}
