import { apiRoute, reply } from "@/app/_server/api";
import { openApiDocument } from "@/lib/api/openapi";
import { openApi } from "@/lib/api/operations";

// Public: the document describes the API, it opens nothing.
export const GET = apiRoute(openApi, async () => (reply(200, openApiDocument())));
