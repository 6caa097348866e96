import { handlers } from "@/app/_server/auth";
import { logged } from "@/app/_server/log";

export const GET = logged(handlers.GET);
export const POST = logged(handlers.POST);
