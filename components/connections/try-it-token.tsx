"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormStatus } from "@/components/ui/form-status";
import { formatDate } from "@/components/ui/format";
import type { TokenState } from "./try-it-state";

type Props = {
  connectionId: string;
  action: (previous: TokenState, formData: FormData) => Promise<TokenState>;
};

/** "Get token": what the API would hand your backend now, masked until revealed. The read is audited as yours. */
export function GetToken({ connectionId, action }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <div className="space-y-3">
      <form action={formAction}>
        <input type="hidden" name="connectionId" value={connectionId} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Getting token…" : "Get token"}
        </Button>
      </form>
      {pending ? null : state.status === "success" ? (
        <TokenDetails key={state.token.accessToken} token={state.token} />
      ) : (
        <FormStatus status={state.status} message={state.message} />
      )}
    </div>
  );
}

function TokenDetails({ token }: { token: Extract<TokenState, { status: "success" }>["token"] }) {
  const [revealed, setRevealed] = useState(false);
  const masked = `${token.accessToken.slice(0, 4)}${"•".repeat(16)}`;
  return (
    <section aria-label="Token">
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] items-baseline gap-x-4 gap-y-2 text-sm">
        <dt className="text-slate-600">Access token</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <code className="break-all font-mono text-xs">{revealed ? token.accessToken : masked}</code>
          <Button type="button" variant="secondary" aria-pressed={revealed} onClick={() => setRevealed((shown) => !shown)}>
            {revealed ? "Hide" : "Reveal"}
          </Button>
          <CopyButton label="Access token" value={token.accessToken} />
        </dd>
        <dt className="text-slate-600">Type</dt>
        <dd>{token.tokenType}</dd>
        <dt className="text-slate-600">Expires</dt>
        <dd>{token.expiresAt ? formatDate(new Date(token.expiresAt)) : "Never"}</dd>
        <dt className="text-slate-600">Scopes</dt>
        <dd className="font-mono text-xs">{token.scopes.join(" ") || "none"}</dd>
      </dl>
    </section>
  );
}
