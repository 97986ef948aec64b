import type { ReactNode } from "react";

/** The hosted pages end users see: no portal chrome, no sign-in. */
export default function ConnectLayout({ children }: { children: ReactNode }) {
  return (
    <main id="content" className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-4 py-12">
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
      <p className="mt-4 text-center text-xs text-slate-500">Secured by Latchkey</p>
    </main>
  );
}
