CREATE TABLE "customers" (
	"stripe_customer_id" text PRIMARY KEY NOT NULL,
	"auth_user_id" text,
	"email" text,
	"crm_contact_id" text,
	"subscription_id" text,
	"subscription_status" text,
	"plan" text,
	"has_access" boolean DEFAULT false NOT NULL,
	"review_state" text DEFAULT 'ok' NOT NULL,
	"support_thread_id" text,
	"record" jsonb NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "effect_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"latency_ms" integer NOT NULL,
	"error" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"stripe_customer_id" text,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"acked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "jobs_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "local_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "local_deliveries_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"livemode" boolean DEFAULT false NOT NULL,
	"api_version" text,
	"stripe_customer_id" text,
	"payload" jsonb NOT NULL,
	"source" text DEFAULT 'webhook' NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duplicate_count" integer DEFAULT 0 NOT NULL,
	"last_duplicate_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "customers_auth_user_id_idx" ON "customers" USING btree ("auth_user_id");--> statement-breakpoint
CREATE INDEX "customers_email_idx" ON "customers" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "customers_review_idx" ON "customers" USING btree ("review_state") WHERE "customers"."review_state" <> 'ok';--> statement-breakpoint
CREATE INDEX "effect_attempts_job_idx" ON "effect_attempts" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "jobs_claim_idx" ON "jobs" USING btree ("run_at") WHERE "jobs"."status" in ('pending', 'running');--> statement-breakpoint
CREATE INDEX "jobs_customer_idx" ON "jobs" USING btree ("stripe_customer_id");--> statement-breakpoint
CREATE INDEX "jobs_dead_idx" ON "jobs" USING btree ("status") WHERE "jobs"."status" = 'dead';--> statement-breakpoint
CREATE INDEX "stripe_events_customer_idx" ON "stripe_events" USING btree ("stripe_customer_id","created");--> statement-breakpoint
CREATE INDEX "stripe_events_received_idx" ON "stripe_events" USING btree ("received_at" desc);