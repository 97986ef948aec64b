-- AlterTable
ALTER TABLE "OAuthState" ADD COLUMN "codeVerifier" TEXT;
