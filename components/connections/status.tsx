import type { ApiConnectionStatus } from "@/lib/connections";

export const statusLabels: Record<ApiConnectionStatus, string> = {
  active: "Active",
  needs_reauthorization: "Needs re-authorization",
  revoked: "Revoked",
};

const tones: Record<ApiConnectionStatus, string> = {
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  needs_reauthorization: "bg-amber-50 text-amber-900 ring-amber-300",
  revoked: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function StatusBadge({ status }: { status: ApiConnectionStatus }) {
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`}>
      {statusLabels[status]}
    </span>
  );
}

/** Shown wherever scopes are listed: the provider consumer grants less than the application requires. */
export function MissingScopesBadge({ scopes }: { scopes: string[] }) {
  if (scopes.length === 0) return null;
  return (
    <span className="inline-block rounded-md bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-300">
      Missing scopes: {scopes.join(", ")}
    </span>
  );
}
