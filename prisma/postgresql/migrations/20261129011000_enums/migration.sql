-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'DEVELOPER');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('ACTIVE', 'NEEDS_REAUTH', 'REVOKED');

-- CreateEnum
CREATE TYPE "AuditActorType" AS ENUM ('USER', 'API_KEY', 'END_USER', 'SYSTEM');

-- AlterTable: existing values are the enum's labels, so the cast keeps every row.
ALTER TABLE "User" ALTER COLUMN "role" TYPE "Role" USING "role"::"Role";

-- AlterTable
ALTER TABLE "Invitation" ALTER COLUMN "role" TYPE "Role" USING "role"::"Role";

-- AlterTable
ALTER TABLE "Connection" ALTER COLUMN "status" TYPE "ConnectionStatus" USING "status"::"ConnectionStatus";

-- AlterTable
ALTER TABLE "AuditEvent" ALTER COLUMN "actorType" TYPE "AuditActorType" USING "actorType"::"AuditActorType";
