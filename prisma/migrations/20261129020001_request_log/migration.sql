-- CreateTable
CREATE TABLE "ProxyRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "applicationId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "userId" TEXT,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "errorCode" TEXT,
    "durationMs" INTEGER NOT NULL,
    "requestBytes" BIGINT NOT NULL,
    "responseBytes" BIGINT NOT NULL,
    "retries" INTEGER NOT NULL,
    CONSTRAINT "ProxyRequest_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProxyRequest_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProxyRequest_connectionId_createdAt_id_idx" ON "ProxyRequest"("connectionId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ProxyRequest_applicationId_createdAt_id_idx" ON "ProxyRequest"("applicationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ProxyRequest_createdAt_id_idx" ON "ProxyRequest"("createdAt", "id");
