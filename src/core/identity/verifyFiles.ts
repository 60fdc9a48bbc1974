/**
 * Loads identity-bearing artifacts from files for `verifyIdentities`: JSON (one value or an array of
 * rows), JSON lines, msgpack and base64 msgpack (`.msgpack.b64`, as the pipeline's goldens). Directories
 * are walked recursively in name order. Bad files become issues. O(total file size).
 */

import { joinPath, type FileSystem } from '../fs/fileSystem';
import { issue, type PlanIssue } from '../issues';
import { DEFAULT_MAX_FILE_BYTES, decodeUtf8, parseJsonBytes, parseJsonText, sizeLimitIssue } from '../json/parseJson';
import type { IdentityArtifact } from './artifact';
import { decodeBase64 } from '../text/base64';
import { decodeMsgpack } from './decodeExact';
import type { Plain } from '../json/decodedValue';

export interface LoadedArtifacts {
  readonly artifacts: IdentityArtifact[];
  readonly issues: PlanIssue[];
  /** Files read that hold nothing Plan Lens knows how to verify are reported by the caller. */
  readonly files: string[];
}

/** Rows of a Delta table directory, JSON-safe (bytes as base64), from the host's table reader. */
export type TableRowReader = (tablePath: string) => Promise<{ readonly rows: readonly Plain[]; readonly issues: readonly PlanIssue[] }>;

export interface LoadOptions {
  readonly maxBytes?: number;
  /** Reads Delta tables (plan-artifact and event tables); without it, table directories are skipped. */
  readonly readTable?: TableRowReader;
  /** Directory depth limit, so a symlink loop or a huge tree cannot run away. */
  readonly maxDepth?: number;
  /** Called before each file is read, with how many were read before it. */
  readonly onFile?: (file: string, filesRead: number) => void;
}

const EXTENSIONS = ['.json', '.jsonl', '.ndjson', '.msgpack', '.msgpack.b64', '.mpk'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

export function isVerifiableFile(name: string): boolean {
  return EXTENSIONS.some((ext) => name.endsWith(ext));
}

export async function loadIdentityArtifacts(fs: FileSystem, paths: readonly string[], options: LoadOptions = {}): Promise<LoadedArtifacts> {
  const out: LoadedArtifacts = { artifacts: [], issues: [], files: [] };
  for (const path of paths) {
    const stat = await fs.stat(path);
    if (stat === undefined) out.issues.push(issue('error', 'file-not-found', 'no such file or directory', { file: path }));
    else if (stat.type === 'directory') await walk(fs, path, 0, options, out);
    else await loadFile(fs, path, options, out);
  }
  return out;
}

async function walk(fs: FileSystem, dir: string, depth: number, options: LoadOptions, out: LoadedArtifacts): Promise<void> {
  if (depth > (options.maxDepth ?? 8)) return;
  const entries = [...(await fs.readDirectory(dir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (entries.some((e) => e.name === '_delta_log' && e.type === 'directory')) {
    await loadTable(dir, options, out);
    return;
  }
  for (const entry of entries) {
    const path = joinPath(dir, entry.name);
    if (entry.type === 'directory' && !SKIP_DIRS.has(entry.name)) await walk(fs, path, depth + 1, options, out);
    else if (entry.type === 'file' && isVerifiableFile(entry.name)) await loadFile(fs, path, options, out);
  }
}

async function loadTable(table: string, options: LoadOptions, out: LoadedArtifacts): Promise<void> {
  if (options.readTable === undefined) return;
  const { rows, issues } = await options.readTable(table);
  out.files.push(table);
  out.issues.push(...issues);
  rows.forEach((row, i) => out.artifacts.push({ file: table, pointer: `/${i}`, data: row, encoding: 'json' }));
}

async function loadFile(fs: FileSystem, file: string, options: LoadOptions, out: LoadedArtifacts): Promise<void> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  const stat = await fs.stat(file);
  if (stat !== undefined && stat.size > maxBytes) {
    out.issues.push(sizeLimitIssue(file, stat.size, maxBytes));
    return;
  }
  options.onFile?.(file, out.files.length);
  out.files.push(file);
  const bytes = await fs.readFile(file);
  if (file.endsWith('.msgpack.b64')) {
    const text = decodeUtf8(bytes, file);
    const raw = text.text === undefined ? undefined : decodeBase64(text.text.replace(/\s+/g, ''));
    if (raw === undefined) out.issues.push(...text.issues, issue('error', 'invalid-base64', 'the file is not base64 text', { file }));
    else addMsgpack(file, raw, out);
  } else if (file.endsWith('.msgpack') || file.endsWith('.mpk')) {
    addMsgpack(file, bytes, out);
  } else if (file.endsWith('.jsonl') || file.endsWith('.ndjson')) {
    const decoded = decodeUtf8(bytes, file);
    out.issues.push(...decoded.issues);
    decoded.text?.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      const parsed = parseJsonText(line, file);
      for (const p of parsed.issues) out.issues.push({ ...p, location: { ...p.location, line: i + 1 } });
      if (parsed.value !== undefined) out.artifacts.push({ file, pointer: '', data: parsed.value, encoding: 'json', line: i + 1 });
    });
  } else {
    const parsed = parseJsonBytes(bytes, file, { maxBytes });
    out.issues.push(...parsed.issues);
    if (parsed.value === undefined) return;
    if (Array.isArray(parsed.value)) parsed.value.forEach((item, i) => out.artifacts.push({ file, pointer: `/${i}`, data: item, encoding: 'json', text: parsed.text }));
    else out.artifacts.push({ file, pointer: '', data: parsed.value, encoding: 'json', text: parsed.text });
  }
}

function addMsgpack(file: string, raw: Uint8Array, out: LoadedArtifacts): void {
  const decoded = decodeMsgpack(raw);
  if ('error' in decoded) {
    out.issues.push(issue('error', 'msgpack-invalid', `invalid msgpack: ${decoded.error}`, { file }));
    return;
  }
  const value: Plain = decoded.value;
  if (Array.isArray(value)) (value as readonly Plain[]).forEach((item, i) => out.artifacts.push({ file, pointer: `/${i}`, data: item, encoding: 'msgpack' }));
  else out.artifacts.push({ file, pointer: '', data: value, encoding: 'msgpack', raw });
}
