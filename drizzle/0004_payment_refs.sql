CREATE TABLE "payment_refs" (
	"ref" text PRIMARY KEY NOT NULL,
	"stripe_customer_id" text,
	"deferred" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
-- The charges and payment intents every record has seen belong to that record's customer.
INSERT INTO "payment_refs" ("ref", "stripe_customer_id")
SELECT DISTINCT ON (r.ref) r.ref, c.stripe_customer_id
FROM "customers" c
CROSS JOIN LATERAL jsonb_array_elements(coalesce(c.record->'facts'->'payments', '[]'::jsonb)) p
CROSS JOIN LATERAL (VALUES (p->>'chargeId'), (p->>'paymentIntentId')) r(ref)
WHERE r.ref IS NOT NULL
ORDER BY r.ref, c.stripe_customer_id
ON CONFLICT ("ref") DO NOTHING;
--> statement-breakpoint
-- Disputes still waiting for their payment wait on its refs from now on.
INSERT INTO "payment_refs" ("ref", "deferred")
SELECT r.ref, array_agg(e.id ORDER BY e.id)
FROM "stripe_events" e
CROSS JOIN LATERAL (VALUES (e.payload->'data'->'object'->>'charge'), (e.payload->'data'->'object'->>'payment_intent')) r(ref)
WHERE e.outcome = 'deferred' AND r.ref IS NOT NULL
GROUP BY r.ref
ON CONFLICT ("ref") DO UPDATE SET "deferred" = "payment_refs"."deferred" || excluded."deferred";
--> statement-breakpoint
-- Lets one statement undo itself: the webhook fast path writes a whole batch in one statement and
-- asserts, at its end, that every compare-and-set matched; a miss raises, so nothing is committed.
CREATE OR REPLACE FUNCTION ledgerdesk_assert(ok boolean, message text) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION USING ERRCODE = 'LD409', MESSAGE = message;
  END IF;
  RETURN true;
END
$$;
