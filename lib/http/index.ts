// HTTP facts about a request that do not depend on anything else in lib/.
export { CLIENT_ADDRESS_HEADER, clientAddress, resolveClientAddress } from "./client-address";
export { limitedBody, type LimitedBody } from "./limited-body";
