import { headers } from "next/headers";
import { AccentStyle, accentButton, ApplicationHeader } from "@/components/accounts/brand";
import { ConnectButton } from "@/components/accounts/connect-button";
import { ConnectedAccountCard } from "@/components/accounts/connected-account";
import { OutcomeNotice } from "@/components/accounts/outcome-notice";
import { connectedAccountsPage } from "@/lib/connect";
import { nonceOf } from "@/lib/security-headers";
import { disconnectAccountAction } from "./actions";

export const metadata = { title: "Your connected accounts", referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ConnectedAccountsPage({ params, searchParams }: Props) {
  const { token } = await params;
  const page = await connectedAccountsPage(token);
  if (!page) {
    return (
      <>
        <h1 className="text-xl font-semibold">This link has expired or is not valid</h1>
        <p className="mt-2 text-sm text-slate-700">Go back to the application and open your connected accounts from there again.</p>
      </>
    );
  }
  const { application, accounts, connectable, returnUrl } = page;
  return (
    <div className="hosted-brand">
      <AccentStyle accent={application.accentColor} nonce={nonceOf((await headers()).get("content-security-policy"))} />
      <ApplicationHeader name={application.name} logoUrl={application.logoUrl} />
      <h1 className="text-xl font-semibold">Your connected accounts</h1>
      <p className="mt-1 mb-4 text-sm text-slate-700">The accounts you let {application.name} use. Disconnect any you no longer want it to use.</p>
      <OutcomeNotice params={await searchParams} />
      {accounts.length ? (
        <ul aria-label="Connected accounts" className="space-y-3">
          {accounts.map((account) => (
            <ConnectedAccountCard
              key={account.connectionId}
              account={account}
              applicationName={application.name}
              token={token}
              disconnectAction={disconnectAccountAction}
            />
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-700">You have not connected any account to {application.name} yet.</p>
      )}
      {connectable.length ? (
        <section aria-labelledby="connect-more" className="mt-6">
          <h2 id="connect-more" className="text-sm font-semibold">
            Connect an account
          </h2>
          <div className="mt-2 flex flex-wrap gap-2">
            {connectable.map(({ providerId, providerName }) => (
              <ConnectButton key={providerId} token={token} providerId={providerId} label={`Connect ${providerName}`} />
            ))}
          </div>
        </section>
      ) : null}
      {returnUrl ? (
        <a href={returnUrl} className={`mt-6 ${accentButton}`}>
          Done
        </a>
      ) : null}
    </div>
  );
}
