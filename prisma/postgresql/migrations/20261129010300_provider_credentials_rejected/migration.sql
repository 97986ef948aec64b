-- AlterTable
ALTER TABLE "ProviderConfig" ADD COLUMN "credentialsRejectedAt" TIMESTAMP(3);
