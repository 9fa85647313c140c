// The emulator of the Alibaba Cloud VPC and STS APIs, as tests, the demo and the bench use it: the
// one entry they import (emulator/README.md says what it does and how to drive it).
export { EMULATOR_CA, startEmulator, type Emulator, type EmulatorOptions } from "./emulator";
export { generateKey, type AccessKey } from "./accounts";
export { DEFAULT_REGIONS } from "./regions";
export {
  DOCUMENTED_OPEN_ERRORS,
  ERRORS,
  UNCONFIRMED,
  type DocumentedOpenError,
  type ErrorCode,
} from "./errorCatalog";
export type { LogEntry } from "./requestLog";
export { DIRECTORY_ROLE } from "./resourceDirectory";
export { rpcSign, rpcStringToSign } from "./rpcSignature";
