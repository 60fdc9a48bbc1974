/** Where a data file named in the log lives: the log holds table-relative or absolute percent-encoded URIs. */

import { joinPath } from '../fs/fileSystem';
import { decodeLogPath } from './actions';

/** A data file path from the log: relative to the table, or an absolute `file:` URI / path / `s3://` URI. */
export function dataFilePath(tablePath: string, logPath: string): string {
  const decoded = decodeLogPath(logPath);
  if (decoded.startsWith('file://')) return decoded.slice('file://'.length);
  if (decoded.startsWith('file:')) return decoded.slice('file:'.length);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(decoded)) return decoded;
  return joinPath(tablePath, decoded);
}
