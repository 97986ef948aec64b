"use client";

import { startTransition, useActionState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { Select } from "@/components/ui/select";
import type { FormState } from "@/lib/forms/state";

type Props = {
  applicationId: string;
  /** The providers an end user can connect now (set up and Active); one is chosen for them when there is only one. */
  providers: { id: string; name: string }[];
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
};

/**
 * "Test connection": the developer plays their own end user. The portal makes the same single-use
 * connect link the API makes; the developer opens it in a new tab, connects, and lands on the new
 * connection's page there.
 */
export function TestConnection({ applicationId, providers, action }: Props) {
  const [state, dispatch, pending] = useActionState(action, { status: "idle" });
  // Dispatched by hand so a refused end-user id stays in its field (React resets a form after its action).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  }
  const shown = pending ? null : state;
  const only = providers.length === 1 ? providers[0] : undefined;
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <input type="hidden" name="applicationId" value={applicationId} />
      <div className="flex flex-wrap items-start gap-4">
        <div className="min-w-48 flex-1">
          <Field
            label="End-user ID"
            name="endUserId"
            defaultValue="test-user"
            maxLength={255}
            spellCheck={false}
            hint="The id your product would send for this user; the connection is stored under it."
            error={shown?.fieldErrors?.endUserId}
          />
        </div>
        {only ? (
          <input type="hidden" name="provider" value={only.id} />
        ) : (
          <Select label="Provider" name="provider" options={providers.map((provider) => ({ value: provider.id, label: provider.name }))} />
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creating link…" : only ? `Test connection to ${only.name}` : "Test connection"}
      </Button>
      <FormStatus status={shown?.status ?? "idle"} message={shown?.message} />
      {shown?.status === "success" && shown.revealed ? (
        <p className="text-sm">
          <a href={shown.revealed} target="_blank" rel="noopener noreferrer" className="font-semibold text-indigo-700 underline">
            Open the connect page in a new tab
          </a>
        </p>
      ) : null}
    </form>
  );
}
