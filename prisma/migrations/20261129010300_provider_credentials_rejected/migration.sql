-- AlterTable
ALTER TABLE "ProviderConfig" ADD COLUMN "credentialsRejectedAt" DATETIME;
