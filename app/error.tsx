"use client";

import { PageError } from "@/components/boundaries/page-error";

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError {...props} home={{ href: "/", label: "Go to the start page" }} />;
}
