/**
 * A plan file read from disk for a plan that is not open in an editor: its size checked against
 * `planLens.maxFileSizeMB` before a byte is read (the Runs view opens 100k-task plans this way), its
 * bytes required to be UTF-8.
 */

import { readFile, stat } from 'node:fs/promises';
import type { PlanIssue } from '../../core/issues';
import { decodeUtf8, sizeLimitIssue } from '../../core/json/parseJson';

export type PlanFileText = { readonly text: string; readonly problem?: undefined; readonly issues?: undefined } | { readonly text?: undefined; readonly problem: string; readonly issues: readonly PlanIssue[] };

export async function readPlanFile(file: string, title: string, maxBytes: number): Promise<PlanFileText> {
  const s = await stat(file).catch(() => undefined);
  if (s === undefined) return { problem: `${title}: no such file`, issues: [] };
  if (s.size > maxBytes) {
    const tooLarge = sizeLimitIssue(title, s.size, maxBytes);
    return { problem: tooLarge.message, issues: [tooLarge] };
  }
  const decoded = decodeUtf8(await readFile(file), title);
  return decoded.text === undefined ? { problem: decoded.issues[0]?.message ?? `${title} is not UTF-8 text`, issues: decoded.issues } : { text: decoded.text };
}
