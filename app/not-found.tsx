import { PageNotFound } from "@/components/boundaries/page-not-found";

export default function NotFound() {
  return <PageNotFound home={{ href: "/", label: "Go to the start page" }} />;
}
