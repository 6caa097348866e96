"use client";

import { PageError } from "@/components/boundaries/page-error";
import "./globals.css";

/** When the root layout itself fails, this replaces it, so it brings its own document. */
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen px-4">
        <PageError {...props} home={{ href: "/", label: "Go to the start page" }} />
      </body>
    </html>
  );
}
