// How the end users' hosted pages look for one application: its logo (an https
// URL the browser loads; the page's CSP allows https images) and an accent colour
// for the primary buttons. Both optional; an empty field clears it.
import { z } from "zod";

const emptyAsNull = (text: string) => (text === "" ? null : text);

const logoUrl = z
  .string()
  .trim()
  .max(2_000, "Logo URL must be at most 2,000 characters.")
  .transform(emptyAsNull)
  .pipe(
    z
      .url({ protocol: /^https$/, error: "Logo URL must be an https:// URL." })
      .refine((url) => !new URL(url).username && !new URL(url).password, "Logo URL must not carry a user name or password.")
      .nullable(),
  );

const accentColor = z
  .string()
  .trim()
  .transform(emptyAsNull)
  .pipe(
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "Accent colour must be written #rrggbb, like #4f46e5.")
      .transform((hex) => hex.toLowerCase())
      .nullable(),
  );

export const brandingInput = z.object({ applicationId: z.string().min(1), logoUrl, accentColor });

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const WHITE = "#ffffff";
const DARK = "#0f172a";

/** The text colour with the better contrast on the accent, so a pale accent still gets readable buttons. */
export function textColourOn(accent: string): typeof WHITE | typeof DARK {
  const background = luminance(accent);
  const onWhite = 1.05 / (background + 0.05);
  const onDark = (background + 0.05) / (luminance(DARK) + 0.05);
  return onWhite >= onDark ? WHITE : DARK;
}
