import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** A message as the test SMTP server received it. */
export type ReceivedMail = { from: string | undefined; to: string[]; raw: string };

/**
 * A real SMTP server on loopback for tests, handing each message it accepts to `onMessage`;
 * while `refuse()` answers true it refuses messages with a 451, as a server would that asks the
 * sender to try again later.
 */
export async function startTestSmtpServer(onMessage: (mail: ReceivedMail) => void, refuse: () => boolean = () => false) {
  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: the self-signed STARTTLS certificate would be refused by the client.
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refuse()) return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
        onMessage({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  // A client that goes away mid-session (a server killed by a test) resets its connection; unheard,
  // that error event would end the whole process the SMTP server runs in.
  server.on("error", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
