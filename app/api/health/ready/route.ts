import type { Database } from "@/db/client";
import { checkReadiness } from "@/lib/health/readiness";
import { log } from "@/lib/log";
import { services } from "@/lib/services";

// Readiness, for a load balancer: route traffic here only while PostgreSQL answers and holds
// this build's migrations. Public and without input by design, hence no apiRoute door; the
// answer names the reason and nothing of the database.
export const dynamic = "force-dynamic";

const headers = { "cache-control": "no-store" };

const unavailable = (reason: string) => Response.json({ status: "unavailable", reason }, { status: 503, headers });

/** The app's pool, or null when the configuration that would open it is invalid. */
function appDatabase(): Database | null {
  try {
    return services().db;
  } catch (error) {
    log().error({ err: error }, "not ready: the configuration is invalid");
    return null;
  }
}

export async function GET(): Promise<Response> {
  const db = appDatabase();
  if (!db) return unavailable("misconfigured");
  const readiness = await checkReadiness(db);
  if (readiness.ready) return Response.json({ status: "ready" }, { headers });
  if (readiness.reason === "database_unreachable") log().error({ err: readiness.error }, "not ready: the database is unreachable");
  else log().error({ pending: readiness.pending }, "not ready: migrations pending");
  return unavailable(readiness.reason);
}
