-- DropTable
DROP TABLE "SignInThrottle";

-- CreateTable
CREATE TABLE "SignInLimit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL,
    "expire" DATETIME
);

-- CreateIndex
CREATE INDEX "SignInLimit_expire_idx" ON "SignInLimit"("expire");
