"use server";

import { z } from "zod";
import { publicAction } from "@/app/_server/action";
import { verifyEmail } from "@/lib/users/signup";

const verifyEmailSchema = z.object({ token: z.string().min(1, "Open the link from the email again.").max(200) });

export const verifyEmailAction = publicAction(verifyEmailSchema, async ({ token }, { ip, services }) => {
  await verifyEmail(services.signUp, token, ip);
  return { success: "Your email is confirmed: you can send and withdraw money now." };
});
