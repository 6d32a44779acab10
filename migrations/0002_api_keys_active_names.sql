ALTER TABLE "api_keys" DROP CONSTRAINT "api_keys_user_name_key";--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_user_active_name_key" ON "api_keys" USING btree ("user_id","name") WHERE "api_keys"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "api_keys_user_created_at_idx" ON "api_keys" USING btree ("user_id","created_at");