import Link from "next/link";

export const metadata = { title: "Not found" };

/** Replaces Next's built-in 404, whose inline styles the Content-Security-Policy does not allow. */
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12 text-center">
      <h1 className="text-xl font-semibold">This page does not exist</h1>
      <p className="mt-2 text-sm text-slate-700">Check the address, or go back to your applications.</p>
      <p className="mt-4 text-sm">
        <Link className="text-indigo-700 underline" href="/applications">
          Applications
        </Link>
      </p>
    </main>
  );
}
