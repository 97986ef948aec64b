import type { ConnectionView } from "@/lib/connections";

/** The provider account: avatar (decorative, the name is beside it), display name and @login. */
export function AccountSummary({ account }: { account: ConnectionView["account"] }) {
  return (
    <div className="flex items-center gap-2">
      {account.avatarUrl ? (
        // A plain <img>: avatars live on the provider's hosts, which next/image would have to be told about one by one.
        // eslint-disable-next-line @next/next/no-img-element -- see above
        <img src={account.avatarUrl} alt="" width={28} height={28} referrerPolicy="no-referrer" className="h-7 w-7 rounded-full bg-slate-200" />
      ) : (
        <span aria-hidden className="h-7 w-7 rounded-full bg-slate-200" />
      )}
      <div className="leading-tight">
        <div className="font-medium">{account.displayName ?? account.login ?? account.id}</div>
        {account.login ? <div className="text-xs text-slate-600">@{account.login}</div> : null}
      </div>
    </div>
  );
}
