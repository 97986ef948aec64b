"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import type { RequestState } from "./try-it-state";

type Props = {
  connectionId: string;
  example: { path: string; description: string };
  action: (previous: RequestState, formData: FormData) => Promise<RequestState>;
};

/** "Try a request": the provider's example GET through the proxy, with the answer's status and body. */
export function TryRequest({ connectionId, example, action }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <div className="space-y-3">
      <form action={formAction} className="flex flex-wrap items-center gap-3">
        <input type="hidden" name="connectionId" value={connectionId} />
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? "Sending…" : "Try a request"}
        </Button>
        <span className="text-sm text-slate-600">
          <code className="font-mono text-xs">GET /proxy/{example.path}</code>: {example.description}
        </span>
      </form>
      {pending ? null : state.status === "success" ? (
        <section aria-label="Response" className="space-y-2">
          <p role="status" className="text-sm">
            <span className={`font-semibold ${state.response.status < 300 ? "text-emerald-700" : "text-red-700"}`}>
              {state.response.status} {state.response.statusText}
            </span>{" "}
            <span className="text-slate-600">from GET {state.response.path}</span>
          </p>
          <pre role="region" tabIndex={0} aria-label="Response body" className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            <code>{state.response.body || "(empty body)"}</code>
          </pre>
          {state.response.truncated ? <p className="text-xs text-slate-600">Only the first 64 KB are shown.</p> : null}
        </section>
      ) : (
        <FormStatus status={state.status} message={state.message} />
      )}
    </div>
  );
}
