import { NotFoundMessage } from "@/components/portal/not-found-message";

export const metadata = { title: "Not found" };

/** Replaces Next's built-in 404, whose inline styles the Content-Security-Policy does not allow. */
export default function NotFound() {
  return (
    <main id="content" className="flex min-h-screen flex-col justify-center px-4">
      <NotFoundMessage />
    </main>
  );
}
