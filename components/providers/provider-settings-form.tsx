"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { ProviderDefinition } from "@/lib/providers";
import type { ProviderFormState } from "./provider-form-state";
import { ScopePicker } from "./scope-picker";

type ProviderAction = (previous: ProviderFormState, formData: FormData) => Promise<ProviderFormState>;

type Props = {
  applicationId: string;
  provider: Pick<ProviderDefinition, "id" | "name" | "scopes" | "requiredScopes" | "scopesRequestable" | "credentialNames">;
  /** What is stored, or null before the first save. The secret is never passed: only when it was set. */
  saved: { clientId: string; scopes: string[]; secretSetOn: string } | null;
  save: ProviderAction;
  verify: ProviderAction;
};

/** Client ID, Client Secret and scopes, with "Verify credentials" and "Save" posting the same fields. */
export function ProviderSettingsForm({ applicationId, provider, saved, save, verify }: Props) {
  // Bumped after a save so the secret input remounts empty: a saved secret does not linger in the page.
  const [secretFieldKey, setSecretFieldKey] = useState(0);
  const [state, dispatch, pending] = useActionState<ProviderFormState, FormData>(
    async (previous, formData) => {
      if (formData.get("intent") === "verify") return verify(previous, formData);
      const outcome = await save(previous, formData);
      if (outcome.status === "success") setSecretFieldKey((key) => key + 1);
      return outcome;
    },
    { status: "idle" },
  );

  // Dispatched by hand rather than through <form action>: React resets a form after
  // its action, which would wipe the Client ID and Secret just checked with Verify.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(formData));
  }

  const names = provider.credentialNames;
  const secretHint = saved
    ? `Last set ${saved.secretSetOn}. It is never shown again: leave this empty to keep it, or paste a new ${names.clientSecret} to replace it.`
    : `${provider.name} calls it the ${names.clientSecret}. It is stored encrypted and never shown again.`;

  return (
    <form onSubmit={submit} noValidate className="space-y-5">
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="provider" value={provider.id} />
      <Field
        label="Client ID"
        name="clientId"
        defaultValue={saved?.clientId}
        autoComplete="off"
        spellCheck={false}
        required
        hint={`${provider.name} calls it the ${names.clientId}.`}
        error={state.fieldErrors?.clientId}
      />
      <Field
        key={secretFieldKey}
        label="Client Secret"
        name="clientSecret"
        type="password"
        autoComplete="off"
        required={!saved}
        hint={secretHint}
        error={state.fieldErrors?.clientSecret}
      />
      <ScopePicker
        provider={provider}
        initiallySelected={saved?.scopes ?? provider.requiredScopes.map((scope) => scope.id)}
        error={state.fieldErrors?.scopes}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="save" disabled={pending}>
          Save
        </Button>
        <Button type="submit" name="intent" value="verify" variant="secondary" disabled={pending}>
          Verify credentials
        </Button>
      </div>
      <FormStatus status={state.status} message={state.message} />
      {state.warning ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {state.warning}
        </p>
      ) : null}
    </form>
  );
}
