"use server";

import { z } from "zod";
import { publicAction } from "@/app/_server/action";
import type { IssuedPassword } from "@/components/issued-password";
import { resetPasswordWithLink } from "@/lib/users/password-reset";

const resetPasswordSchema = z.object({ token: z.string().min(1, "Open the link from the email again.").max(200) });

export const resetPasswordAction = publicAction<typeof resetPasswordSchema, IssuedPassword>(resetPasswordSchema, async ({ token }, { ip, services }) => {
  const issued = await resetPasswordWithLink(services.users, token, ip);
  return {
    success: "Your password was reset, and every session and API token of yours has ended.",
    data: { email: issued.user.email, password: issued.password, emailed: issued.emailed },
  };
});
