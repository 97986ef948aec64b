-- AlterTable
ALTER TABLE "Application" ADD COLUMN "logoUrl" TEXT,
ADD COLUMN "accentColor" TEXT;

-- CreateTable
CREATE TABLE "EndUserSession" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "endUserId" TEXT NOT NULL,
    "returnUrl" TEXT,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EndUserSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EndUserSession_tokenHash_key" ON "EndUserSession"("tokenHash");

-- CreateIndex
CREATE INDEX "EndUserSession_applicationId_idx" ON "EndUserSession"("applicationId");

-- AddForeignKey
ALTER TABLE "EndUserSession" ADD CONSTRAINT "EndUserSession_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable
ALTER TABLE "ConnectSession" ADD COLUMN "endUserSessionId" TEXT;

-- AddForeignKey
ALTER TABLE "ConnectSession" ADD CONSTRAINT "ConnectSession_endUserSessionId_fkey" FOREIGN KEY ("endUserSessionId") REFERENCES "EndUserSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;
