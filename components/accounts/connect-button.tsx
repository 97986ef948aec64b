import { accentButton } from "./brand";

/** Connect or Reconnect: a plain form post, so the browser follows the redirects on to the provider. */
export function ConnectButton({ token, providerId, label }: { token: string; providerId: string; label: string }) {
  return (
    <form method="post" action={`/connect/accounts/${encodeURIComponent(token)}/connect`}>
      <input type="hidden" name="provider" value={providerId} />
      <button type="submit" className={accentButton}>
        {label}
      </button>
    </form>
  );
}
