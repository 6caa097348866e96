import { PageNotFound } from "@/components/boundaries/page-not-found";

export default function NotFound() {
  return <PageNotFound home={{ href: "/wallet", label: "Back to your wallet" }} />;
}
