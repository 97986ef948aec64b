-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN "revokedAt" DATETIME;
