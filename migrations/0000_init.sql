CREATE TABLE "account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_token_key" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"display_name" text,
	"avatar_url" text,
	"bio" text,
	"gender" text,
	"background_url" text,
	"locale" text,
	"role" text DEFAULT 'user' NOT NULL,
	"is_sub" boolean DEFAULT false NOT NULL,
	"sub_expired_at" timestamp with time zone,
	"sub_plan_type" text,
	"signup_country" text,
	"signup_ref" text,
	"signup_utm_source" text,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_role_check" CHECK ("user"."role" in ('user', 'admin')),
	CONSTRAINT "user_gender_check" CHECK ("user"."gender" is null or "user"."gender" in ('male', 'female', 'other'))
);
--> statement-breakpoint
CREATE TABLE "verification" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_no" text NOT NULL,
	"user_id" uuid NOT NULL,
	"product_id" text NOT NULL,
	"product_name" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"credits" integer NOT NULL,
	"interval" text NOT NULL,
	"valid_months" integer,
	"status" text DEFAULT 'created' NOT NULL,
	"stripe_session_id" text,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"stripe_payment_intent_id" text,
	"stripe_invoice_id" text,
	"sub_times" integer,
	"paid_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"refunded_amount" integer DEFAULT 0 NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_order_no_key" UNIQUE("order_no"),
	CONSTRAINT "orders_stripe_session_id_key" UNIQUE("stripe_session_id"),
	CONSTRAINT "orders_stripe_invoice_id_key" UNIQUE("stripe_invoice_id"),
	CONSTRAINT "orders_status_check" CHECK ("orders"."status" in ('created', 'paid', 'refunded', 'failed')),
	CONSTRAINT "orders_interval_check" CHECK ("orders"."interval" in ('one_time', 'month', 'year')),
	CONSTRAINT "orders_amount_check" CHECK ("orders"."amount" >= 0 and "orders"."credits" >= 0),
	CONSTRAINT "orders_currency_check" CHECK ("orders"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "stripe_customers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"stripe_customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_customers_customer_key" UNIQUE("stripe_customer_id")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"stripe_created_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "stripe_events_event_id_key" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stripe_subscription_id" text NOT NULL,
	"stripe_customer_id" text,
	"user_id" uuid NOT NULL,
	"plan_type" text NOT NULL,
	"interval" text NOT NULL,
	"status" text NOT NULL,
	"current_period_start" timestamp with time zone,
	"current_period_end" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"canceled_at" timestamp with time zone,
	"credits_per_period" integer NOT NULL,
	"sub_times" integer DEFAULT 0 NOT NULL,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_stripe_subscription_id_key" UNIQUE("stripe_subscription_id"),
	CONSTRAINT "subscriptions_interval_check" CHECK ("subscriptions"."interval" in ('month', 'year'))
);
--> statement-breakpoint
CREATE TABLE "user_interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"art_type" text NOT NULL,
	"art_id" uuid NOT NULL,
	"interaction_type" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_interactions_user_art_kind_key" UNIQUE("user_id","art_id","art_type","interaction_type"),
	CONSTRAINT "user_interactions_art_type_check" CHECK ("user_interactions"."art_type" in ('image', 'video', 'character')),
	CONSTRAINT "user_interactions_kind_check" CHECK ("user_interactions"."interaction_type" in ('like', 'favorite'))
);
--> statement-breakpoint
CREATE TABLE "credit_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"grant_id" uuid NOT NULL,
	"amount" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_allocations_entry_grant_key" UNIQUE("entry_id","grant_id"),
	CONSTRAINT "credit_allocations_amount_check" CHECK ("credit_allocations"."amount" <> 0)
);
--> statement-breakpoint
CREATE TABLE "credits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"trans_type" text NOT NULL,
	"amount" integer NOT NULL,
	"remaining" integer,
	"source_id" text NOT NULL,
	"order_no" text,
	"generation_uuid" uuid,
	"expires_at" timestamp with time zone,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credits_trans_type_source_id_key" UNIQUE("trans_type","source_id"),
	CONSTRAINT "credits_trans_type_check" CHECK (trans_type in ('signup_bonus', 'purchase', 'subscription', 'check_in', 'share', 'admin_grant', 'generation', 'expiry', 'clawback', 'admin_deduct', 'refund')),
	CONSTRAINT "credits_amount_sign_check" CHECK ((trans_type in ('signup_bonus', 'purchase', 'subscription', 'check_in', 'share', 'admin_grant') and amount > 0 and remaining between 0 and amount) or (trans_type = 'refund' and amount > 0 and remaining is null) or (trans_type not in ('signup_bonus', 'purchase', 'subscription', 'check_in', 'share', 'admin_grant', 'refund') and amount < 0 and remaining is null))
);
--> statement-breakpoint
CREATE TABLE "generation_images" (
	"uuid" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"generation_uuid" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"image_index" integer NOT NULL,
	"gen_type" text DEFAULT 'anime' NOT NULL,
	"style" text,
	"r2_key" text NOT NULL,
	"image_url" text NOT NULL,
	"thumbnail_url" text,
	"width" integer,
	"height" integer,
	"content_type" text,
	"byte_size" integer,
	"generation_params" jsonb,
	"final_prompt" text,
	"original_prompt" text,
	"model_id" text NOT NULL,
	"reference_image_url" text,
	"visibility_level" text DEFAULT 'private' NOT NULL,
	"moderation_status" text DEFAULT 'normal' NOT NULL,
	"like_count" integer DEFAULT 0 NOT NULL,
	"favorite_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_images_generation_index_key" UNIQUE("generation_uuid","image_index"),
	CONSTRAINT "generation_images_visibility_check" CHECK ("generation_images"."visibility_level" in ('private', 'public')),
	CONSTRAINT "generation_images_moderation_check" CHECK ("generation_images"."moderation_status" in ('normal', 'banned', 'featured')),
	CONSTRAINT "generation_images_counters_check" CHECK ("generation_images"."like_count" >= 0 and "generation_images"."favorite_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "generation_videos" (
	"uuid" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"generation_uuid" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"model_id" text NOT NULL,
	"quality" text NOT NULL,
	"r2_key" text NOT NULL,
	"video_url" text NOT NULL,
	"poster_r2_key" text,
	"poster_url" text,
	"generation_params" jsonb,
	"original_prompt" text,
	"codec" text,
	"duration_seconds" integer,
	"ratio" text,
	"resolution" text,
	"byte_size" integer,
	"visibility_level" text DEFAULT 'private' NOT NULL,
	"moderation_status" text DEFAULT 'normal' NOT NULL,
	"like_count" integer DEFAULT 0 NOT NULL,
	"favorite_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "generation_videos_generation_quality_key" UNIQUE("generation_uuid","quality"),
	CONSTRAINT "generation_videos_visibility_check" CHECK ("generation_videos"."visibility_level" in ('private', 'public')),
	CONSTRAINT "generation_videos_moderation_check" CHECK ("generation_videos"."moderation_status" in ('normal', 'banned', 'featured')),
	CONSTRAINT "generation_videos_counters_check" CHECK ("generation_videos"."like_count" >= 0 and "generation_videos"."favorite_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "generations" (
	"uuid" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"sub_type" text DEFAULT 'anime' NOT NULL,
	"prompt" text NOT NULL,
	"final_prompt" text,
	"model_id" text NOT NULL,
	"style" text,
	"scene" text,
	"outfit" text,
	"action" text,
	"camera_motion" text,
	"reference_images" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"aspect_ratio" text,
	"count" integer DEFAULT 1 NOT NULL,
	"success_count" integer DEFAULT 0 NOT NULL,
	"credits_cost" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"provider" text NOT NULL,
	"remote_task_id" text,
	"callback_received" boolean DEFAULT false NOT NULL,
	"last_polled_at" timestamp with time zone,
	"provider_cost" integer,
	"error_code" text,
	"error_message" text,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"visibility_level" text DEFAULT 'private' NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "generations_user_idempotency_key" UNIQUE("user_id","idempotency_key"),
	CONSTRAINT "generations_provider_task_key" UNIQUE("provider","remote_task_id"),
	CONSTRAINT "generations_type_check" CHECK ("generations"."type" in ('image', 'video')),
	CONSTRAINT "generations_status_check" CHECK ("generations"."status" in ('pending', 'processing', 'succeeded', 'failed')),
	CONSTRAINT "generations_counts_check" CHECK ("generations"."count" >= 1 and "generations"."success_count" between 0 and "generations"."count" and "generations"."credits_cost" >= 0),
	CONSTRAINT "generations_visibility_check" CHECK ("generations"."visibility_level" in ('private', 'public'))
);
--> statement-breakpoint
CREATE TABLE "user_incentives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"reward_amount" integer NOT NULL,
	"reward_date" date NOT NULL,
	"streak_count" integer,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_incentives_user_type_date_key" UNIQUE("user_id","type","reward_date"),
	CONSTRAINT "user_incentives_type_check" CHECK ("user_incentives"."type" in ('check_in', 'share_sns')),
	CONSTRAINT "user_incentives_reward_check" CHECK ("user_incentives"."reward_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notification_user_states" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notification_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_user_states_key" UNIQUE("notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"kind" text NOT NULL,
	"title_key" text NOT NULL,
	"body_key" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"link" text,
	"dedupe_key" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key" UNIQUE("dedupe_key"),
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('announcement', 'generation_succeeded', 'generation_failed', 'subscription', 'credits'))
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_secret_hash_key" UNIQUE("secret_hash"),
	CONSTRAINT "api_keys_user_name_key" UNIQUE("user_id","name")
);
--> statement-breakpoint
CREATE TABLE "feedbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"type" text DEFAULT 'general' NOT NULL,
	"content" text NOT NULL,
	"rating" integer,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feedbacks_type_check" CHECK ("feedbacks"."type" in ('general', 'bug_report', 'feature_request', 'user_experience')),
	CONSTRAINT "feedbacks_rating_check" CHECK ("feedbacks"."rating" is null or "feedbacks"."rating" between 1 and 5),
	CONSTRAINT "feedbacks_status_check" CHECK ("feedbacks"."status" in ('open', 'in_progress', 'resolved', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "operation_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" text NOT NULL,
	"platform" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operation_costs_month_platform_key" UNIQUE("month","platform"),
	CONSTRAINT "operation_costs_month_check" CHECK ("operation_costs"."month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "operation_costs_amount_check" CHECK ("operation_costs"."amount" >= 0),
	CONSTRAINT "operation_costs_currency_check" CHECK ("operation_costs"."currency" ~ '^[a-z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_invited_by_user_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_customers" ADD CONSTRAINT "stripe_customers_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_interactions" ADD CONSTRAINT "user_interactions_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_allocations" ADD CONSTRAINT "credit_allocations_entry_id_credits_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."credits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_allocations" ADD CONSTRAINT "credit_allocations_grant_id_credits_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."credits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credits" ADD CONSTRAINT "credits_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_images" ADD CONSTRAINT "generation_images_generation_uuid_generations_uuid_fk" FOREIGN KEY ("generation_uuid") REFERENCES "public"."generations"("uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_images" ADD CONSTRAINT "generation_images_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_videos" ADD CONSTRAINT "generation_videos_generation_uuid_generations_uuid_fk" FOREIGN KEY ("generation_uuid") REFERENCES "public"."generations"("uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generation_videos" ADD CONSTRAINT "generation_videos_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "generations" ADD CONSTRAINT "generations_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_incentives" ADD CONSTRAINT "user_incentives_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_user_states" ADD CONSTRAINT "notification_user_states_notification_id_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_user_states" ADD CONSTRAINT "notification_user_states_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feedbacks" ADD CONSTRAINT "feedbacks_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_user_id_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_provider_account_key" ON "account" USING btree ("provider_id","account_id");--> statement-breakpoint
CREATE INDEX "session_user_id_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_expires_at_idx" ON "session" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_email_key" ON "user" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "user_created_at_idx" ON "user" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "user_invited_by_idx" ON "user" USING btree ("invited_by");--> statement-breakpoint
CREATE INDEX "verification_identifier_idx" ON "verification" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "verification_expires_at_idx" ON "verification" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "orders_user_created_at_idx" ON "orders" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "orders_paid_at_idx" ON "orders" USING btree ("paid_at") WHERE "orders"."status" in ('paid', 'refunded');--> statement-breakpoint
CREATE INDEX "orders_stripe_payment_intent_idx" ON "orders" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE INDEX "orders_stripe_subscription_idx" ON "orders" USING btree ("stripe_subscription_id");--> statement-breakpoint
CREATE INDEX "stripe_events_type_received_idx" ON "stripe_events" USING btree ("type","received_at");--> statement-breakpoint
CREATE INDEX "subscriptions_user_id_idx" ON "subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subscriptions_status_idx" ON "subscriptions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "user_interactions_art_idx" ON "user_interactions" USING btree ("art_type","art_id","interaction_type");--> statement-breakpoint
CREATE INDEX "user_interactions_user_kind_created_idx" ON "user_interactions" USING btree ("user_id","interaction_type","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "credit_allocations_grant_id_idx" ON "credit_allocations" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "credits_user_created_at_idx" ON "credits" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "credits_user_live_grants_idx" ON "credits" USING btree ("user_id","expires_at") WHERE "credits"."remaining" > 0;--> statement-breakpoint
CREATE INDEX "credits_order_no_idx" ON "credits" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "credits_generation_uuid_idx" ON "credits" USING btree ("generation_uuid");--> statement-breakpoint
CREATE INDEX "generation_images_user_created_idx" ON "generation_images" USING btree ("user_id","created_at" DESC NULLS LAST,"uuid" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generation_images_public_newest_idx" ON "generation_images" USING btree ("created_at" DESC NULLS LAST,"uuid" DESC NULLS LAST) WHERE "generation_images"."visibility_level" = 'public' and "generation_images"."moderation_status" <> 'banned';--> statement-breakpoint
CREATE INDEX "generation_images_public_top_idx" ON "generation_images" USING btree ("like_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"uuid" DESC NULLS LAST) WHERE "generation_images"."visibility_level" = 'public' and "generation_images"."moderation_status" <> 'banned';--> statement-breakpoint
CREATE INDEX "generation_videos_user_created_idx" ON "generation_videos" USING btree ("user_id","created_at" DESC NULLS LAST,"uuid" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generation_videos_public_newest_idx" ON "generation_videos" USING btree ("created_at" DESC NULLS LAST,"uuid" DESC NULLS LAST) WHERE "generation_videos"."visibility_level" = 'public' and "generation_videos"."moderation_status" <> 'banned';--> statement-breakpoint
CREATE INDEX "generation_videos_public_top_idx" ON "generation_videos" USING btree ("like_count" DESC NULLS LAST,"created_at" DESC NULLS LAST,"uuid" DESC NULLS LAST) WHERE "generation_videos"."visibility_level" = 'public' and "generation_videos"."moderation_status" <> 'banned';--> statement-breakpoint
CREATE INDEX "generations_user_created_at_idx" ON "generations" USING btree ("user_id","created_at" DESC NULLS LAST,"uuid" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generations_active_idx" ON "generations" USING btree ("status","updated_at") WHERE "generations"."status" in ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "generations_created_at_idx" ON "generations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "user_incentives_type_created_at_idx" ON "user_incentives" USING btree ("type","created_at");--> statement-breakpoint
CREATE INDEX "notifications_user_published_idx" ON "notifications" USING btree ("user_id","published_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_global_published_idx" ON "notifications" USING btree ("published_at" DESC NULLS LAST) WHERE "notifications"."user_id" is null;