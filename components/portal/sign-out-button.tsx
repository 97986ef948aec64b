"use client";

import { signOut } from "next-auth/react";
import { Button } from "../ui/button";

export function SignOutButton() {
  return (
    // Fire and forget: signOut leaves the page when it is done; if the server cannot be reached the button just stays.
    <Button type="button" variant="secondary" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
      Sign out
    </Button>
  );
}
