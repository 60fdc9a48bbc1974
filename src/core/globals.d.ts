/*
 * The core runs in Node, in the extension host, in the language server and in the webview. It uses only
 * the few host globals that all of them provide; they are declared here because the core's tsconfig
 * loads neither the DOM nor the Node type libraries (so that nothing else can slip in).
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(input: string, destination: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
