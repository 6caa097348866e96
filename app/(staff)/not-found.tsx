import { PageNotFound } from "@/components/boundaries/page-not-found";

export default function NotFound() {
  return <PageNotFound home={{ href: "/dashboard", label: "Back to the dashboard" }} />;
}
