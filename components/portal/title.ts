/** A page title inside an application: "Connections · Acme · Latchkey". */
export function applicationTitle(applicationName: string, page: string): string {
  return `${page} · ${applicationName} · Latchkey`;
}
