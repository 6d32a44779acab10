import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database } from "./client";

/** An open transaction of our database (what `db.transaction` hands its callback). */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Either the database or a transaction already open on it. */
export type Executor = Database | Transaction;

/**
 * Runs `work` in the caller's transaction when given one (so a service can join a larger unit
 * of work, e.g. "insert the generation and spend its credits"), else in a new transaction.
 */
export function inTransaction<T>(db: Executor, work: (tx: Transaction) => Promise<T>): Promise<T> {
  if (db instanceof PgTransaction) return work(db as Transaction);
  return (db as Database).transaction(work);
}
