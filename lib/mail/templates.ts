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

export function verificationMail(input: { to: string; name: string; link: string; validHours: number }): MailMessage {
  return {
    to: input.to,
    subject: "Confirm your email for Ledgerwatch",
    text: [
      `Hello ${input.name},`,
      "",
      "Welcome to Ledgerwatch. Open this link to confirm this is your email address:",
      "",
      `  ${input.link}`,
      "",
      `It works once, within ${input.validHours} hours. Until then you can sign in and see your wallet, but not send or withdraw money.`,
      "If you did not sign up, ignore this message: nothing happens without the link.",
    ].join("\n"),
  };
}

/** To the owner of an email someone signed up with again: the form says the same to everyone. */
export function signUpTakenMail(input: { to: string; name: string; appUrl: string; reason: "email" | "cpf" }): MailMessage {
  const what = input.reason === "email" ? "this email address" : "a CPF that already has a Ledgerwatch account";
  return {
    to: input.to,
    subject: "Someone tried to sign up to Ledgerwatch",
    text: [
      `Hello ${input.name},`,
      "",
      `Someone, maybe you, tried to sign up to Ledgerwatch with ${what}. No new account was made.`,
      "",
      `If it was you, sign in at ${new URL("/login", input.appUrl)}, or get a new password at ${new URL("/forgot-password", input.appUrl)}.`,
      input.reason === "cpf" ? "A CPF has one account. If it isn't yours, contact support." : "If it wasn't you, ignore this message.",
    ].join("\n"),
  };
}
