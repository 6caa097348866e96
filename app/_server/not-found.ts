import "server-only";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";

/** What a page reads, its 404 page when lib/ says there is no such thing (NOT_FOUND). */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
