import { redirect } from "next/navigation";
import { homePath, requireUser } from "./_server/auth";

export default async function Home() {
  redirect(homePath(await requireUser()));
}
