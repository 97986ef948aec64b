"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { FormState } from "@/lib/forms/state";
import { CodeTabs } from "./code-tabs";
import { snippets, type SnippetRequest } from "./snippets";

type Props = {
  applicationId: string;
  apiBase: string;
  /** The first request a backend makes with a new key, shown with the key written in once it is revealed. */
  request: SnippetRequest;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
};

/** "Create API key": the key is shown once, with the code that uses it beside it. */
export function CreateApiKeyForm({ applicationId, apiBase, request, action }: Props) {
  const [state, dispatch, pending] = useActionState(action, { status: "idle" });
  // Dispatched by hand so a refused name stays in its field (React resets a form after its action).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }
  const shown = pending ? null : state;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <input type="hidden" name="applicationId" value={applicationId} />
      <Field label="Key name" name="name" required maxLength={100} hint="For example the service that will use it." error={shown?.fieldErrors?.name} />
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create API key"}
      </Button>
      <FormStatus status={shown?.status ?? "idle"} message={shown?.message} />
      {shown?.revealed ? (
        <div className="space-y-4">
          <CopyField id="revealed-api-key" label="API key" value={shown.revealed} />
          <div className="space-y-2">
            <h3 className="text-sm font-semibold text-slate-800">Try it: create a connect link with this key</h3>
            <CodeTabs id="api-key-code" label="Language" snippets={snippets(apiBase, request, shown.revealed)} />
          </div>
        </div>
      ) : null}
    </form>
  );
}
