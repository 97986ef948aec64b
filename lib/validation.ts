// zod at the edges: input that fails its schema becomes a ValidationFailed
// with one plain message per field, for the API envelope and for forms alike.
import { z } from "zod";
import { ValidationFailed, type FieldIssue } from "./errors";

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationFailed(fieldIssues(result.error));
  return result.data;
}

/** Trimmed, non-empty text with a length limit, as most form fields want. */
export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`);
}
