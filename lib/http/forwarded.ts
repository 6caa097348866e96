// Which address a request came from, given the socket's peer and the proxies we trust. Used by
// the production server's request hook (scripts/server-hook.ts), the one place that sees the
// socket; the app then reads the single address it leaves in X-Forwarded-For.
import { BlockList, isIP } from "node:net";

export class TrustedProxiesError extends Error {}

/** An address in its canonical family: IPv4-mapped IPv6 (::ffff:127.0.0.1) as IPv4. */
export function normalizeAddress(address: string): string | undefined {
  let value = address.trim();
  // "[2001:db8::1]" and "[2001:db8::1]:443", and "192.0.2.1:443", as some proxies write them.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(value);
  if (mapped) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : undefined;
}

/** TRUSTED_PROXIES: addresses or CIDRs separated by commas or spaces; empty trusts none. */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? "").split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const normalized = normalizeAddress(address);
    if (!normalized || extra !== undefined) throw new TrustedProxiesError(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR`);
    const family = isIP(normalized) === 4 ? "ipv4" : "ipv6";
    const max = family === "ipv4" ? 32 : 128;
    const bits = prefix === undefined ? max : Number(prefix);
    if (!/^\d+$/.test(prefix ?? String(max)) || bits > max) throw new TrustedProxiesError(`TRUSTED_PROXIES: "${entry}" has a bad prefix length`);
    list.addSubnet(normalized, bits, family);
  }
  return list;
}

const trusted = (proxies: BlockList, address: string) => proxies.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");

/** Whether a socket's peer is one of the proxies whose forwarding headers we believe. */
export function isTrustedProxy(socketAddress: string | undefined, proxies: BlockList): boolean {
  const address = socketAddress === undefined ? undefined : normalizeAddress(socketAddress);
  return address !== undefined && trusted(proxies, address);
}

/**
 * The client: the socket's peer, unless it is a trusted proxy; then X-Forwarded-For from right
 * to left while each hop is a trusted proxy. The first untrusted hop is the client; a malformed
 * hop ends the walk at the last trusted one, as nothing before it can be believed.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, proxies: BlockList): string | undefined {
  let client = socketAddress === undefined ? undefined : normalizeAddress(socketAddress);
  if (client === undefined) return undefined;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).split(",");
  for (let i = hops.length - 1; i >= 0 && trusted(proxies, client); i--) {
    if (hops[i].trim() === "") continue;
    const hop = normalizeAddress(hops[i]);
    if (hop === undefined) break;
    client = hop;
  }
  return client;
}
