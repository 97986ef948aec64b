// What a server action tells its form. Kept apart from ./index so client components can import the type.
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Shown once after success, e.g. a new API key or invitation link. */
  revealed?: string;
};
