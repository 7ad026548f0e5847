import * as pkijs from "pkijs";

let engine: pkijs.CryptoEngine | undefined;

/**
 * pkijs over Node's WebCrypto. Set once as pkijs's global engine too, because some of its
 * internals (certificate signature checks in chain building) ask for the global one.
 */
export function cryptoEngine(): pkijs.CryptoEngine {
  if (!engine) {
    engine = new pkijs.CryptoEngine({ name: "node-webcrypto", crypto: globalThis.crypto });
    pkijs.setEngine("node-webcrypto", engine);
  }
  return engine;
}
