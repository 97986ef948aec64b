import { textColourOn } from "@/lib/applications";

/** The accent colour's custom properties, in a <style> tag carrying the response's CSP nonce (style attributes are not allowed). */
export function AccentStyle({ accent, nonce }: { accent: string | null; nonce: string | undefined }) {
  if (!accent) return null;
  // accent is a validated #rrggbb, so it cannot break out of the rule.
  return <style nonce={nonce}>{`.hosted-brand{--accent:${accent};--accent-text:${textColourOn(accent)}}`}</style>;
}

/** Primary buttons and links of the hosted pages: the application's accent, or the portal's indigo. */
export const accentButton =
  "inline-flex items-center justify-center rounded-md bg-[var(--accent,#4f46e5)] px-3 py-2 text-sm font-semibold text-[var(--accent-text,#ffffff)] shadow-sm hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900";

/** The application's logo (when set) and name. */
export function ApplicationHeader({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  return (
    <div className="mb-4 flex items-center gap-3">
      {logoUrl ? (
        // A plain <img>: the logo lives on the developer's own host, which next/image would have to be told about.
        // eslint-disable-next-line @next/next/no-img-element -- see above
        <img src={logoUrl} alt={`${name} logo`} width={40} height={40} referrerPolicy="no-referrer" className="h-10 w-10 rounded object-contain" />
      ) : null}
      <p className="text-base font-semibold text-slate-900">{name}</p>
    </div>
  );
}
