/**
 * A path's last segment, for text shown to a user: paths the language server sends are workspace-relative
 * with the host's separator, so both `/` and `\` end a segment (unlike the FileSystem's `baseName`).
 */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
