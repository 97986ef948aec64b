// One logger, so that what reaches the server log is decided in one place.
// Callers pass facts (ids, codes), never secrets: Secret values print as [redacted].
type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", message: string, fields?: Fields): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};

/** The parts of an unexpected error worth logging: its class and message and stack, server-side only. */
export function describeError(error: unknown): Fields {
  if (!(error instanceof Error)) return { error: String(error) };
  const message = withoutCallArguments(error.message);
  return { errorName: error.name, errorMessage: message, stack: error.stack?.replace(error.message, message) };
}

/**
 * Prisma's "Invalid `x()` invocation" messages print the call's arguments
 * (sealed tokens, end users' email addresses); the reason is the last line.
 */
function withoutCallArguments(message: string): string {
  if (!/^\s*Invalid `[^`]+` invocation/.test(message)) return message;
  return message.trim().split("\n").at(-1) ?? message;
}
