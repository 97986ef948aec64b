// What the portal's webhook forms submit. The URL's finer rules (https, no
// credentials, public addresses) need the configuration and DNS: the store checks them.
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "../events";

const endpointUrl = z
  .string({ error: "Endpoint URL is required." })
  .trim()
  .min(1, "Endpoint URL is required.")
  .max(2000, "Endpoint URL must be at most 2000 characters.")
  .refine((text) => URL.canParse(text), "Enter a URL that starts with https://.");

/** Chosen event types; none chosen means every event. */
const eventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Choose events from the list." })).max(WEBHOOK_EVENT_TYPES.length);

export const createEndpointInput = z.object({ url: endpointUrl, events: eventTypes.default([]) });

export const updateEndpointInput = z.object({ url: endpointUrl.optional(), events: eventTypes.optional(), enabled: z.boolean().optional() });

export const deliveryPageInput = z.object({ cursor: z.string().max(200).optional() });
