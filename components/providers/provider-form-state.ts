// What the provider settings form hears back: a form outcome plus, when the
// provider's answer about the credentials should not block, a warning.
import type { FormState } from "@/lib/forms/state";

export type ProviderFormState = FormState & { warning?: string };
