"use server";

import { endCurrentSession } from "@/app/_server/auth";

export async function signOutAction() {
  await endCurrentSession();
}
