import { ActionForm } from "@/components/ui/action-form";
import { formatDate } from "@/components/ui/format";
import type { FormState } from "@/lib/forms/state";
import type { ConnectedAccount } from "@/lib/connect";
import { ConnectButton } from "./connect-button";

type Props = {
  account: ConnectedAccount;
  applicationName: string;
  token: string;
  disconnectAction: (previous: FormState, formData: FormData) => Promise<FormState>;
};

/** One connected account on the end user's page: who, what it may do, since when, and its buttons. */
export function ConnectedAccountCard({ account, applicationName, token, disconnectAction }: Props) {
  const label = `${account.providerName} account ${account.accountName}`;
  return (
    <li>
      <article aria-label={label} className="space-y-3 rounded-md border border-slate-200 p-4">
        <div className="flex items-center gap-3">
          {account.avatarUrl ? (
            // A plain <img>: avatars live on the provider's hosts (see components/connections/account.tsx).
            // eslint-disable-next-line @next/next/no-img-element -- see above
            <img src={account.avatarUrl} alt="" width={36} height={36} referrerPolicy="no-referrer" className="h-9 w-9 rounded-full bg-slate-200" />
          ) : (
            <span aria-hidden className="h-9 w-9 shrink-0 rounded-full bg-slate-200" />
          )}
          <div className="min-w-0 leading-tight">
            <h2 className="text-sm font-semibold">{account.providerName}</h2>
            <p className="truncate text-sm text-slate-700">
              {account.accountName}
              {account.accountLogin && account.accountLogin !== account.accountName ? ` (@${account.accountLogin})` : ""}
            </p>
          </div>
        </div>
        {account.needsReconnect ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            {account.providerName} no longer accepts this connection. Reconnect it so {applicationName} can keep working with your account.
          </p>
        ) : null}
        <div className="text-sm">
          <h3 className="font-medium">{applicationName} can:</h3>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
            {account.permissions.length ? (
              account.permissions.map((permission) => <li key={permission}>{permission}</li>)
            ) : (
              <li>Nothing beyond signing you in</li>
            )}
          </ul>
          {account.missingPermissions.length ? <p className="mt-1 text-slate-700">Not granted: {account.missingPermissions.join("; ")}.</p> : null}
        </div>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          <dt className="text-slate-600">Connected since</dt>
          <dd>{formatDate(account.connectedSince)}</dd>
          <dt className="text-slate-600">Last used</dt>
          <dd>{account.lastUsedAt ? formatDate(account.lastUsedAt) : "Not yet"}</dd>
        </dl>
        <div className="flex flex-wrap items-start gap-2">
          {account.needsReconnect && account.providerEnabled ? (
            <ConnectButton token={token} providerId={account.providerId} label={`Reconnect ${account.providerName}`} />
          ) : null}
          <ActionForm
            action={disconnectAction}
            submitLabel="Disconnect"
            variant="danger"
            confirm={`${applicationName} will no longer be able to use your ${account.providerName} account ${account.accountName}. You can connect it again later.`}
          >
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="connectionId" value={account.connectionId} />
          </ActionForm>
        </div>
      </article>
    </li>
  );
}
