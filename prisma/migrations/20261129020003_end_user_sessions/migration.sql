-- AlterTable
ALTER TABLE "Application" ADD COLUMN "logoUrl" TEXT;
ALTER TABLE "Application" ADD COLUMN "accentColor" TEXT;

-- CreateTable
CREATE TABLE "EndUserSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "applicationId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "endUserId" TEXT NOT NULL,
    "returnUrl" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EndUserSession_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "EndUserSession_tokenHash_key" ON "EndUserSession"("tokenHash");

-- CreateIndex
CREATE INDEX "EndUserSession_applicationId_idx" ON "EndUserSession"("applicationId");

-- AlterTable (SQLite adds a nullable column with its foreign key in place)
ALTER TABLE "ConnectSession" ADD COLUMN "endUserSessionId" TEXT REFERENCES "EndUserSession" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
