import { connectedResult, describeConnectFailure, isConnectFailureCode } from "@/lib/connect";
import { findProvider } from "@/lib/providers";

export const metadata = { title: "Connection result" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConnectResultPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const text = (name: string) => (typeof params[name] === "string" ? params[name] : "");
  if (params.outcome === "connected") {
    const result = await connectedResult(text("connection"), text("session"));
    if (result) return <Connected {...result} />;
  }
  const provider = findProvider(text("provider"));
  const code = text("error");
  return (
    <>
      <h1 className="text-xl font-semibold">Nothing was connected</h1>
      <p className="mt-2 text-sm text-slate-700">
        {isConnectFailureCode(code)
          ? describeConnectFailure(code, provider?.name ?? "The provider")
          : "Something went wrong. Start again from the application."}
      </p>
      {code ? <p className="mt-4 text-xs text-slate-500">Reference: {code}</p> : null}
    </>
  );
}

function Connected({ applicationName, providerName, accountLabel, missing, continueUrl }: NonNullable<Awaited<ReturnType<typeof connectedResult>>>) {
  return (
    <>
      <h1 className="text-xl font-semibold">
        {providerName} is connected to {applicationName}
      </h1>
      <p className="mt-2 text-sm text-slate-700">Connected as {accountLabel}.</p>
      {missing.length > 0 ? (
        <section aria-label="Missing permissions" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          <h2 className="font-semibold">Some permissions are missing</h2>
          <p className="mt-1">
            {providerName} did not grant {applicationName} these permissions, so some features may not work. Connect again to grant them; if {providerName} does
            not offer them, the application&apos;s developer needs to add them to its OAuth app at {providerName}:
          </p>
          <ul className="mt-2 list-disc pl-5">
            {missing.map(({ scope, description }) => (
              <li key={scope}>
                <span className="font-mono text-xs">{scope}</span> — {description}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {continueUrl ? (
        <a href={continueUrl} className="mt-6 inline-block rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white">
          Continue to {applicationName}
        </a>
      ) : (
        <p className="mt-4 text-sm text-slate-700">You can close this page.</p>
      )}
    </>
  );
}
