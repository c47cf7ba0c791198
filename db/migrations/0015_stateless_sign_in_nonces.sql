ALTER TABLE "sign_in_nonces" DROP CONSTRAINT "sign_in_nonces_client";--> statement-breakpoint
DROP INDEX "sign_in_nonces_client_idx";--> statement-breakpoint
ALTER TABLE "sign_in_nonces" ALTER COLUMN "client" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "sign_in_nonces" ALTER COLUMN "issued_at" DROP NOT NULL;