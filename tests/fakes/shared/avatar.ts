import { escapeHtml } from "./http";

/** A round avatar with the person's initials, so the offline demo never reaches the internet for images. */
export function initialsAvatarSvg(name: string, color: string): string {
  const initials = name
    .split(/\s+/)
    .map((word) => word.charAt(0).toUpperCase())
    .join("")
    .slice(0, 2);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128" role="img" aria-label="${escapeHtml(name)}">
<circle cx="64" cy="64" r="64" fill="${escapeHtml(color)}"/>
<text x="64" y="64" dy=".35em" text-anchor="middle" font-family="sans-serif" font-size="52" fill="#fff">${escapeHtml(initials)}</text>
</svg>
`;
}
