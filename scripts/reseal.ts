// `npm run reseal`: re-seals every stored secret under the newest key of
// LATCHKEY_ENCRYPTION_KEYS (or the embedded default's generated ring).
import { getConfig } from "../lib/config";
import { resealAll } from "../lib/crypto/reseal";

const { keyRing } = getConfig();
const { resealed } = await resealAll(keyRing);
console.log(`Re-sealed ${resealed} secret(s) under key v${keyRing.sealingVersion}.`);
process.exit(0);
