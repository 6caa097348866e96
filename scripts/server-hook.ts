// Preloaded into the production server (`node --require ./server-hook.cjs server.js`, bundled by
// scripts/standalone.ts): the container, the e2e server and `npm start` all run it. Next's route
// handlers never see the socket, and Next fills X-Forwarded-For with the peer only when the
// header is absent, so a client could name any address. Here, where the socket is known, every
// request's X-Forwarded-For becomes the one client address (lib/http/forwarded.ts), trusting
// forwarding headers only from TRUSTED_PROXIES. It also bounds how long a client may take to send
// its headers.
import http from "node:http";
import { isTrustedProxy, parseTrustedProxies, resolveClientAddress } from "../lib/http/forwarded";

const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
const headersTimeout = Number(process.env.HEADERS_TIMEOUT_MS || 10_000);

function sanitize(request: http.IncomingMessage): void {
  const peer = request.socket.remoteAddress;
  const client = resolveClientAddress(peer, request.headers["x-forwarded-for"], proxies);
  if (client === undefined) delete request.headers["x-forwarded-for"];
  else request.headers["x-forwarded-for"] = client;
  delete request.headers["x-real-ip"];
  // Only a trusted proxy says whether the client used https, and which host it asked for.
  if (!isTrustedProxy(peer, proxies)) {
    delete request.headers["x-forwarded-proto"];
    delete request.headers["x-forwarded-host"];
    delete request.headers["x-forwarded-port"];
  }
}

const createServer = http.createServer;
http.createServer = function (this: unknown, ...args: unknown[]) {
  const server = (createServer as (...a: unknown[]) => http.Server).apply(this, args);
  server.headersTimeout = headersTimeout;
  server.prependListener("request", sanitize);
  return server;
} as typeof http.createServer;
