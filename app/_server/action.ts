import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { UserRole } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { clientIp } from "@/lib/auth/client-ip";
import type { SessionUser } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { services, type Services } from "@/lib/services";
import { currentUser } from "./auth";
import { withRequestLogger } from "./log";

/** What every form action returns to `useActionState`. */
export type ActionState<T = undefined> = {
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, so a refused form keeps what was typed. */
  values?: Record<string, string>;
  success?: string;
  data?: T;
};

export type ActionContext = { user: SessionUser; actor: Actor & { id: string }; services: Services };

export async function actorFor(user: SessionUser): Promise<Actor & { id: string }> {
  return { id: user.id, label: user.email, ip: clientIp(await headers()) };
}

/**
 * The one door for server actions, which are public endpoints: checks the session and the
 * role itself, validates the form with zod, and turns expected failures into form state.
 */
export function protectedAction<Schema extends z.ZodType, T = undefined>(
  roles: readonly UserRole[],
  schema: Schema,
  handler: (input: z.infer<Schema>, context: ActionContext) => Promise<ActionState<T>>,
) {
  return (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => withRequestLogger(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    if (!roles.includes(user.role)) return { error: "You don't have permission to do this." };
    return handleForm(schema, formData, async (input) => handler(input, { user, actor: await actorFor(user), services: services() }));
  });
}

export type PublicActionContext = { ip: string; services: Services };

/** The door for the few actions anyone may call, signed in or not (a password reset): the same form handling, no session. */
export function publicAction<Schema extends z.ZodType, T = undefined>(
  schema: Schema,
  handler: (input: z.infer<Schema>, context: PublicActionContext) => Promise<ActionState<T>>,
) {
  return (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => withRequestLogger(async () =>
    handleForm(schema, formData, async (input) => handler(input, { ip: clientIp(await headers()), services: services() })),
  );
}

async function handleForm<Schema extends z.ZodType, T>(
  schema: Schema,
  formData: FormData,
  handler: (input: z.infer<Schema>) => Promise<ActionState<T>>,
): Promise<ActionState<T>> {
  const submitted = Object.fromEntries(
    [...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string" && !entry[0].startsWith("$")),
  );
  // Passwords are never sent back to the page: a refused form is typed again there, as browsers expect.
  const values = Object.fromEntries(Object.entries(submitted).filter(([name]) => !/password/i.test(name)));
  // Async: a schema may ask more than its shape (sign-up's list of common passwords).
  const parsed = await schema.safeParseAsync(submitted);
  if (!parsed.success) {
    return { error: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  try {
    return await handler(parsed.data);
  } catch (error) {
    if (error instanceof DomainError) {
      return { error: error.message, fieldErrors: error.field ? { [error.field]: [error.message] } : undefined, values };
    }
    throw error;
  }
}
