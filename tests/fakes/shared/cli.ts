/** What every fake's cli.ts needs: a port from `--port N` or the environment, and a clean stop on signals. */

export function portFrom(args: readonly string[], fromEnv: string | undefined, fallback: number): number {
  const index = args.indexOf("--port");
  const text = (index >= 0 ? args[index + 1] : undefined) ?? fromEnv ?? String(fallback);
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid port: ${text}`);
  return port;
}

/** Closes the fake on SIGTERM/SIGINT and exits 0, or 1 if closing failed. */
export function closeOnSignal(close: () => Promise<void>): void {
  const shutDown = (): void => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", shutDown);
  process.once("SIGINT", shutDown);
}
