import type { UserRole } from "@/db/schema";

export const roleLabels: Record<UserRole, string> = {
  admin: "Admin",
  analyst: "Analyst",
  customer: "Customer",
};

export const roleOptions = Object.entries(roleLabels).map(([value, label]) => ({ value, label }));
