CREATE TABLE "admin_audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"reason" text,
	"details" jsonb,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_incentives" DROP CONSTRAINT "user_incentives_user_type_date_key";--> statement-breakpoint
ALTER TABLE "credits" DROP CONSTRAINT "credits_amount_sign_check";--> statement-breakpoint
ALTER TABLE "credits" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credits" ADD COLUMN "metadata" jsonb;--> statement-breakpoint
ALTER TABLE "user_incentives" ADD COLUMN "slot" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "admin_audit_log" ADD CONSTRAINT "admin_audit_log_actor_id_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "admin_audit_log_target_idx" ON "admin_audit_log" USING btree ("target_type","target_id","created_at");--> statement-breakpoint
CREATE INDEX "admin_audit_log_created_at_idx" ON "admin_audit_log" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "user_incentives" ADD CONSTRAINT "user_incentives_user_type_date_slot_key" UNIQUE("user_id","type","reward_date","slot");--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_amount_sign_check" CHECK ((trans_type in ('signup_bonus', 'purchase', 'subscription', 'check_in', 'share', 'admin_grant') and amount > 0 and remaining between 0 and amount) or (trans_type = 'refund' and amount >= 0 and remaining is null) or (trans_type not in ('signup_bonus', 'purchase', 'subscription', 'check_in', 'share', 'admin_grant', 'refund') and amount < 0 and remaining is null));--> statement-breakpoint
ALTER TABLE "user_incentives" ADD CONSTRAINT "user_incentives_slot_check" CHECK ("user_incentives"."slot" >= 1);