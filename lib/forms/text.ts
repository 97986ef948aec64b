// Apart from ./index (server-only) so client components can read their own forms with it too.

/** One text field of a form; a file or a missing field reads as "", which no id or address matches. */
export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
