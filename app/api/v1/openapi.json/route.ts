import { openApiDocument } from "@/lib/api/openapi";

// Public: the document describes the API, it opens nothing.
export const dynamic = "force-static";

export function GET() {
  return Response.json(openApiDocument());
}
