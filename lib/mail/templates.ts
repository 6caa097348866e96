import type { MailMessage } from "./index";

export type PasswordMailReason = "created" | "reset" | "changed";

const openings: Record<PasswordMailReason, string> = {
  created: "An account has been created for you on Ledgerwatch.",
  reset: "Your Ledgerwatch password has been reset.",
  changed: "You changed your Ledgerwatch password.",
};

export function passwordMail(input: { to: string; name: string; password: string; appUrl: string; reason: PasswordMailReason }): MailMessage {
  const opening = openings[input.reason];
  return {
    to: input.to,
    subject: input.reason === "created" ? "Your Ledgerwatch account" : "Your new Ledgerwatch password",
    text: [
      `Hello ${input.name},`,
      "",
      opening,
      "",
      `Sign in at ${new URL("/login", input.appUrl)} with:`,
      `  Login: ${input.to}`,
      `  Password: ${input.password}`,
      "",
      "If you did not expect this message, tell your administrator.",
    ].join("\n"),
  };
}

export function passwordResetLinkMail(input: { to: string; name: string; link: string; validMinutes: number }): MailMessage {
  return {
    to: input.to,
    subject: "Reset your Ledgerwatch password",
    text: [
      `Hello ${input.name},`,
      "",
      "Someone, hopefully you, asked to reset your Ledgerwatch password. Open this link to get a new one:",
      "",
      `  ${input.link}`,
      "",
      `It works once, within ${input.validMinutes} minutes. Your password stays as it is until you use it.`,
      "If you did not ask for this, ignore this message.",
    ].join("\n"),
  };
}
