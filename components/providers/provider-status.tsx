/** Whether a configured provider accepts new connections. */
export function ProviderStatus({ enabled }: { enabled: boolean }) {
  const tone = enabled ? "bg-emerald-50 text-emerald-800 ring-emerald-600/20" : "bg-slate-100 text-slate-700 ring-slate-500/20";
  return <span className={`inline-flex rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone}`}>{enabled ? "Active" : "Disabled"}</span>;
}
