/**
 * What is wrong with one plan document, as the editor shows it: the issues `plan-lens analyze` reports
 * for that file alone. A node-link task graph is analyzed directly (reader issues and dependency cycles);
 * any other plan artifact (schedule, validation, bundle, ...) is read as `loadPlanInput` reads a single
 * file, from the text given, which may hold unsaved edits.
 */

import { analyzeNodeLinkText } from './analyzePlan';
import { loadPlanInput } from '../load/loadPlanInput';
import type { DirectoryEntry, FileStat, FileSystem } from '../fs/fileSystem';
import type { PlanIssue } from '../issues';

export async function planDocumentIssues(text: string, file: string): Promise<PlanIssue[]> {
  const graph = analyzeNodeLinkText(text, file);
  if (!graph.issues.some((i) => i.code === 'not-node-link')) return graph.issues;
  return artifactDocumentIssues(text, file);
}

/** The issues of a plan document that is not a node-link task graph (schedule, validation, bundle, ...). */
export async function artifactDocumentIssues(text: string, file: string): Promise<PlanIssue[]> {
  const loaded = await loadPlanInput(oneFile(file, text), file);
  return loaded.issues.filter((i) => i.location.file === undefined || i.location.file === file);
}

/** A file system holding just this document, so the artifact readers see the editor's text. */
function oneFile(file: string, text: string): FileSystem {
  const bytes = new TextEncoder().encode(text);
  const stat: FileStat = { type: 'file', size: bytes.byteLength, mtime: 0 };
  return {
    readFile: async (path) => {
      if (path !== file) throw new Error(`${path}: not the open document`);
      return bytes;
    },
    stat: async (path) => (path === file ? stat : undefined),
    readDirectory: async (): Promise<readonly DirectoryEntry[]> => [],
  };
}
