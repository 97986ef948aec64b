"use client";

import { startTransition, useActionState, useMemo, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorSummary, type SummaryError } from "@/components/ui/error-summary";
import { Field } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { ProviderDefinition } from "@/lib/providers";
import type { ProviderFormState } from "./provider-form-state";
import { ScopePicker, scopeInputId } from "./scope-picker";

type ProviderAction = (previous: ProviderFormState, formData: FormData) => Promise<ProviderFormState>;

type Props = {
  applicationId: string;
  provider: Pick<ProviderDefinition, "id" | "name" | "scopes" | "requiredScopes" | "scopesRequestable" | "credentialNames" | "implies">;
  /** What is stored, or null before the first save. The secret is never passed: only when it was set. */
  saved: { clientId: string; scopes: string[]; secretSetOn: string } | null;
  save: ProviderAction;
  verify: ProviderAction;
};

type Intent = "save" | "verify";

const NO_ERRORS: SummaryError[] = [];

/** Client ID and Client Secret with "Save" and "Verify credentials" right below them, then the scopes; both buttons post every field. */
export function ProviderSettingsForm({ applicationId, provider, saved, save, verify }: Props) {
  // Bumped after a save so the secret input remounts empty: a saved secret does not linger in the page.
  const [secretFieldKey, setSecretFieldKey] = useState(0);
  const [intent, setIntent] = useState<Intent>("save");
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
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    setIntent(formData.get("intent") === "verify" ? "verify" : "save");
    startTransition(() => dispatch(formData));
  }

  const firstScope = provider.scopes[0]?.id ?? "";
  const summary = useMemo(() => {
    const targets: Record<string, string> = { clientId: "field-clientId", clientSecret: "field-clientSecret", scopes: scopeInputId(firstScope) };
    return Object.entries(state.fieldErrors ?? {}).map(([field, message]) => ({ message, target: targets[field] ?? "provider-settings" }));
  }, [state, firstScope]);
  // A new action clears the last one's result: nothing stale is read as the answer to the new one.
  const shown = pending ? null : state;

  const names = provider.credentialNames;
  const secretHint = saved
    ? `Last set ${saved.secretSetOn}. It is never shown again: leave this empty to keep it, or paste a new ${names.clientSecret} to replace it.`
    : `${provider.name} calls it the ${names.clientSecret}. It is stored encrypted and never shown again.`;

  return (
    <form id="provider-settings" onSubmit={submit} noValidate className="space-y-5">
      <ErrorSummary title={`${summary.length === 1 ? "1 field needs" : `${summary.length} fields need`} correcting`} errors={shown ? summary : NO_ERRORS} />
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
        error={shown?.fieldErrors?.clientId}
      />
      <Field
        key={secretFieldKey}
        label="Client Secret"
        name="clientSecret"
        type="password"
        autoComplete="off"
        required={!saved}
        hint={secretHint}
        error={shown?.fieldErrors?.clientSecret}
      />
      <div className="space-y-3">
        <div className="flex flex-wrap gap-2">
          <Button type="submit" name="intent" value="save" disabled={pending}>
            {pending && intent === "save" ? "Saving…" : "Save"}
          </Button>
          <Button type="submit" name="intent" value="verify" variant="secondary" disabled={pending}>
            {pending && intent === "verify" ? "Verifying…" : "Verify credentials"}
          </Button>
        </div>
        {/* Field problems are listed in the summary at the top; other outcomes are said here, beside the buttons. */}
        <FormStatus status={shown?.status ?? "idle"} message={summary.length ? undefined : shown?.message} />
        {shown?.warning ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {shown.warning}
          </p>
        ) : null}
      </div>
      <ScopePicker
        provider={provider}
        initiallySelected={saved?.scopes ?? provider.requiredScopes.map((scope) => scope.id)}
        error={shown?.fieldErrors?.scopes}
      />
    </form>
  );
}
