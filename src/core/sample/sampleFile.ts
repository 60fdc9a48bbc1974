/** One file of a generated sample: a workspace-relative POSIX path and its exact bytes. */
export interface SampleFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}
