// The headers every page is served with (proxy.ts sets them, per request):
// a Content-Security-Policy whose scripts need this response's nonce, a
// Permissions-Policy that turns off what the portal never uses, and HSTS when
// the portal is served over https. Static headers that need no nonce and no
// configuration live in next.config.js.
import "server-only";
import type { Config } from "./config";
import { providerHosts, providers } from "./providers";

/** Browser features the portal does not use; `clipboard-write` stays allowed for the Copy buttons. */
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "camera",
  "display-capture",
  "encrypted-media",
  "fullscreen",
  "geolocation",
  "gyroscope",
  "hid",
  "idle-detection",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "picture-in-picture",
  "publickey-credentials-get",
  "screen-wake-lock",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

export const PERMISSIONS_POLICY = [...DENIED_FEATURES.map((feature) => `${feature}=()`), "clipboard-write=(self)"].join(", ");

/** One year, as the HSTS preload list asks; sent only over https, where browsers honour it. */
const HSTS = "max-age=31536000; includeSubDomains";

function origin(url: string): string {
  return new URL(url).origin;
}

/** Where the providers' OAuth pages live (configured overrides included), e.g. https://bitbucket.org. */
function providerOrigins(environment: Config["environment"], kind: "auth" | "api"): string[] {
  return [...new Set(providers.map((provider) => origin(providerHosts(provider, environment)[kind])))];
}

export type PageRequest = { nonce: string; pathname: string };

export function contentSecurityPolicy(config: Pick<Config, "nodeEnv" | "environment">, { nonce, pathname }: PageRequest): string {
  const connectPage = pathname.startsWith("/connect/");
  const development = config.nodeEnv === "development";
  const directives = [
    "default-src 'self'",
    // Next.js puts this nonce on its own scripts; 'strict-dynamic' lets them load the page's chunks.
    // React rebuilds server error stacks with eval in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Tailwind's stylesheet is a file; Next.js puts the nonce on the few <style> tags it writes.
    // No 'unsafe-inline': the portal sets no style attributes (its own not-found page uses classes;
    // only Next's built-in crash page has inline styles, and shows unstyled). `next dev` injects
    // styles of its own (error overlay, hot reload), so development allows them, as Next's guide does.
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Connected accounts' avatars come from the providers' CDNs, which vary by account (https),
    // or from the configured provider hosts (the fake Bitbucket in tests and the demo).
    ["img-src 'self' data: https:", ...providerOrigins(config.environment, "api")].join(" "),
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // The connect page's form goes to the authorize route, which redirects to the provider's
    // authorize page: browsers apply form-action to that redirect too.
    ["form-action 'self'", ...(connectPage ? providerOrigins(config.environment, "auth") : [])].join(" "),
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** The nonce proxy.ts put in this request's policy, for a page's own <style> tag (the hosted page's accent colour). */
export function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}

/** Headers for one page response. */
export function pageSecurityHeaders(config: Pick<Config, "nodeEnv" | "environment" | "appUrl">, request: PageRequest): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(config, request),
    "Permissions-Policy": PERMISSIONS_POLICY,
    ...(config.appUrl.startsWith("https://") ? { "Strict-Transport-Security": HSTS } : {}),
  };
}
