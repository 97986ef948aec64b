// Runs once before the integration tests: fails early, with a clear message,
// when the PostgreSQL pass was asked for but its admin URL is missing.
export default function setup(): void {
  const url = process.env.DATABASE_URL;
  if (url?.startsWith("postgres") && !process.env.PG_ADMIN_URL) {
    throw new Error("PostgreSQL integration tests need PG_ADMIN_URL (run them through scripts/with-postgres.sh)");
  }
}
