import { hashPassword } from "@/lib/auth/passwords";
import type { Database } from "./client";
import { users } from "./schema";

export const seededAdmin = { username: "Admin", email: "admin@email.com.br", password: "123999" } as const;

/** The system administrator. Idempotent: run at every start; an existing one is left as it is. */
export async function seedDatabase(db: Database, options: { bcryptCost: number }): Promise<void> {
  // Any unique index (email, username) that already holds the user means it is there.
  await db
    .insert(users)
    .values({
      name: "Administrator",
      username: seededAdmin.username,
      email: seededAdmin.email,
      role: "admin",
      isSystem: true,
      passwordHash: await hashPassword(seededAdmin.password, options.bcryptCost),
    })
    .onConflictDoNothing();
}
