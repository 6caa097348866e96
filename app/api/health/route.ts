// Liveness, for the container's HEALTHCHECK and an orchestrator: the process answers HTTP. It
// touches no database, so a database outage doesn't get healthy instances restarted. Public
// and without input by design, hence no apiRoute door.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
