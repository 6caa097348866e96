"use server";

import { endCurrentSession } from "./auth";

export async function signOutAction() {
  await endCurrentSession();
}
