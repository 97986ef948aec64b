import { openConnectSession, type ConnectSessionProblem } from "@/lib/connect";
import { scopeDescription } from "@/lib/providers";

export const metadata = { title: "Connect", referrer: "no-referrer" };

const problems: Record<ConnectSessionProblem, { title: string; text: string }> = {
  unknown: { title: "This connect link is not valid", text: "Check that you opened the whole link, or ask the application for a new one." },
  expired: { title: "This connect link has expired", text: "Connect links work for 30 minutes. Go back to the application and start again to get a new one." },
  used: { title: "This connect link was already used", text: "Each link works once. If you need to connect again, start again from the application." },
  provider_unavailable: {
    title: "Connecting is turned off",
    text: "The application has turned off this connection for now. Try again later or contact its support.",
  },
};

export default async function ConnectPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await openConnectSession(token);
  if ("problem" in opened) {
    const problem = problems[opened.problem];
    return (
      <>
        <h1 className="text-xl font-semibold">{problem.title}</h1>
        <p className="mt-2 text-sm text-slate-700">{problem.text}</p>
      </>
    );
  }
  const { application, provider, requiredScopes } = opened;
  return (
    <>
      <h1 className="text-xl font-semibold">
        Connect {provider.name} to {application.name}
      </h1>
      <p className="mt-2 text-sm text-slate-700">
        {application.name} asks for access to your {provider.name} account. You will sign in at {provider.name} and choose whether to grant it.
      </p>
      <h2 className="mt-4 text-sm font-semibold">{application.name} needs to:</h2>
      <ul className="mt-2 space-y-1 text-sm">
        {requiredScopes.map((scope) => (
          <li key={scope}>
            <span className="font-mono text-xs">{scope}</span> — {scopeDescription(provider, scope)}
          </li>
        ))}
      </ul>
      <form method="get" action={`/api/oauth/${provider.id}/authorize`} className="mt-6">
        <input type="hidden" name="session" value={token} />
        <button type="submit" className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-700">
          Connect {provider.name}
        </button>
      </form>
    </>
  );
}
