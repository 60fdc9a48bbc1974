/**
 * SHA-256 as the core uses it: a factory of incremental hashers. Hosts inject their fastest one (Node's
 * crypto in the CLI and the language server hashes about 200x faster than pure JavaScript here); the
 * pure @noble/hashes implementation is the default, so the core still runs where only JavaScript does.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export interface Sha256Hasher {
  update(bytes: Uint8Array): void;
  /** Lower-case hex digest; the hasher is finished afterwards. */
  digestHex(): string;
}

export type Sha256Factory = () => Sha256Hasher;

export const pureSha256: Sha256Factory = () => {
  const h = sha256.create();
  return {
    update: (bytes) => void h.update(bytes),
    digestHex: () => bytesToHex(h.digest()),
  };
};
