// Runs once when the server starts: configuration is checked (failing fast
// with the variable's name), the database is migrated, and the background
// token refresher starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
}
