// Server actions answer forms with a FormState: plain words for the form,
// one message per field, nothing internal. Unknown errors are logged here.
import "server-only";
import { unstable_rethrow } from "next/navigation";
import { AppError, ValidationFailed } from "../errors";
import { describeError, log } from "../log";

import type { FormState } from "./state";

export type { FormState } from "./state";
export { formText } from "./text";

export async function runForm(work: () => Promise<FormState | void>): Promise<FormState> {
  try {
    return (await work()) ?? { status: "success" };
  } catch (error) {
    unstable_rethrow(error); // let redirect() and notFound() through
    if (error instanceof ValidationFailed) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of error.issues) fieldErrors[issue.path || "form"] ??= issue.message;
      return {
        status: "error",
        message: error.message === "The request is not valid." ? "Please correct the fields marked below." : error.message,
        fieldErrors,
      };
    }
    if (error instanceof AppError) return { status: "error", message: error.message };
    log.error("unhandled error in a form action", describeError(error));
    return { status: "error", message: "Something went wrong on our side. Nothing was saved; please try again." };
  }
}

/** A FormData as a plain object of its text fields, for zod. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of formData) if (typeof value === "string" && !name.startsWith("$ACTION")) fields[name] = value;
  return fields;
}
