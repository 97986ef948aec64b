import Link from "next/link";

/** What a 404 says, with the way back: the same words outside the portal and inside it. */
export function NotFoundMessage() {
  return (
    <div className="mx-auto max-w-md py-12 text-center">
      <h1 className="text-xl font-semibold">This page does not exist</h1>
      <p className="mt-2 text-sm text-slate-700">
        It may have been deleted, or you may not have access to it. Check the address, or go back to your applications.
      </p>
      <p className="mt-4 text-sm">
        <Link className="text-indigo-700 underline" href="/applications">
          Back to applications
        </Link>
      </p>
    </div>
  );
}
