import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { viewerTimeZone } from "./_server/time-zone";
import { TimeZoneSync } from "./time-zone-sync";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ledgerwatch", template: "%s · Ledgerwatch" },
  description: "Wallet ledger and transaction monitoring for small banks and fintechs.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts), which
  // a page prerendered at build time could not have.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        {children}
        <TimeZoneSync renderedTimeZone={await viewerTimeZone()} />
      </body>
    </html>
  );
}
