"use server";

import { cookies } from "next/headers";
import { protectedAction } from "@/app/_server/action";
import { viewerTimeZone } from "@/app/_server/time-zone";
import type { IssuedPassword } from "@/components/issued-password";
import { deviceCookieName } from "@/lib/auth/devices";
import { changeOwnPassword, changePasswordSchema } from "@/lib/users";

export const changePasswordAction = protectedAction<typeof changePasswordSchema, IssuedPassword>(
  ["admin", "analyst", "customer"],
  changePasswordSchema,
  async ({ currentPassword }, { actor, services }) => {
    const deviceToken = (await cookies()).get(deviceCookieName)?.value;
    const issued = await changeOwnPassword(services.users, services.lockout, actor, currentPassword, deviceToken, await viewerTimeZone());
    return {
      success: "Your password was changed, and every session and API token of yours has ended: sign in again with the new one.",
      data: { email: issued.user.email, password: issued.password, emailed: issued.emailed },
    };
  },
);
