/** The core's SHA-256 factory over Node's crypto (native, with SHA-NI where the CPU has it). */

import { createHash } from 'node:crypto';
import type { Sha256Factory } from '../core/hash/sha256';

export const nodeSha256: Sha256Factory = () => {
  const h = createHash('sha256');
  return {
    update: (bytes) => void h.update(bytes),
    digestHex: () => h.digest('hex'),
  };
};
