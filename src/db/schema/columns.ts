import { timestamp, uuid } from "drizzle-orm/pg-core";

/** Every timestamp is timestamptz; the driver hands them to us as Date objects. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const uuidPk = () => uuid("id").primaryKey().defaultRandom();

export const createdAt = () => timestamptz("created_at").notNull().defaultNow();
export const updatedAt = () =>
  timestamptz("updated_at")
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
