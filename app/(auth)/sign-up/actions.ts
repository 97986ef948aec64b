"use server";

import { formFields, runForm, type FormState } from "@/lib/forms";
import { signUp } from "@/lib/users";

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runForm(async () => {
    await signUp(formFields(formData));
  });
}
