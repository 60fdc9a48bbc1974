/**
 * The sql.js WebAssembly binary for Node hosts (CLI, language server, tests). The core takes the bytes as
 * a parameter so it never reads files itself; this resolves them from node_modules, or from next to the
 * bundle (`dist/sql-wasm.wasm`) when the packaged extension ships it there.
 */

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

let cached: Uint8Array | undefined;

function wasmPath(): string {
  const bundled = path.join(__dirname, 'sql-wasm.wasm');
  if (existsSync(bundled)) return bundled;
  // Resolved at run time from node_modules, not bundled: a wasm binary is not a module.
  return createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm');
}

export function loadSqlWasm(): Uint8Array {
  cached ??= new Uint8Array(readFileSync(wasmPath()));
  return cached;
}
