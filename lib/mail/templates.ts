import type { MailMessage } from "./index";

export function passwordMail(input: {
  to: string;
  name: string;
  password: string;
  appUrl: string;
  reason: "created" | "reset";
}): MailMessage {
  const opening =
    input.reason === "created"
      ? "An account has been created for you on Ledgerwatch."
      : "Your Ledgerwatch password has been reset.";
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
