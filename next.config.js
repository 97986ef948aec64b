// The headers every response carries; scripts/proxy-route.ts adds the same to the proxy's answers, which it serves itself.
import everyResponseHeaders from "./lib/http/every-response-headers.json" with { type: "json" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and the Prisma client stay outside the bundle.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: everyResponseHeaders,
      },
    ];
  },
};

export default nextConfig;
