"use client";

import { useFormState } from "@/components/ui/action-form";
import { FieldError } from "@/components/ui/field";
import type { WebhookEventType } from "@/lib/webhooks";
import { eventWords } from "./event-words";

/** The events an endpoint receives, all ticked at first (every event, including any added later). */
export function EventCheckboxes({ types }: { types: readonly WebhookEventType[] }) {
  const error = useFormState().fieldErrors?.events;
  return (
    <fieldset className="space-y-2" aria-describedby="events-hint">
      <legend className="text-sm font-medium text-slate-800">Events</legend>
      <p id="events-hint" className="text-xs text-slate-600">
        Leave them all ticked to receive every event, including any added later.
      </p>
      {types.map((type) => (
        <label key={type} className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="events" value={type} defaultChecked className="mt-1" />
          <span className="min-w-0 break-words">
            <code className="font-mono text-xs">{type}</code> — {eventWords[type]}
          </span>
        </label>
      ))}
      <FieldError message={error} />
    </fieldset>
  );
}
