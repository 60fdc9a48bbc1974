/**
 * Every identifier the manifest (package.json `contributes`) and the code share. Kept free of `vscode`
 * so the manifest unit test can check both directions in plain Node.
 */

export const commandIds = [
  'planLens.analysis.show',
  'planLens.graph.show',
  'planLens.graph.compare',
  'planLens.compare.runs',
  'planLens.compare.with',
  'planLens.logs.show',
  'planLens.runs.refresh',
  'planLens.runs.openGraph',
  'planLens.runs.openSummary',
  'planLens.runs.openFile',
  'planLens.runs.revealFile',
  'planLens.runs.compare',
] as const;
export type CommandId = (typeof commandIds)[number];

export const viewContainerId = 'planLens';
export const viewIds = ['planLens.runs', 'planLens.deltaPins', 'planLens.cacheLineage', 'planLens.criticalPath'] as const;
export type ViewId = (typeof viewIds)[number];

/** `contextValue` of tree items, matched by `viewItem == …` in menus. */
export const treeItemContexts = [
  'planLens.runGroup',
  'planLens.run',
  'planLens.runWithGraph',
  'planLens.runTaskGraph',
  'planLens.runArtifact',
  'planLens.runTable',
  'planLens.deltaPin',
  'planLens.scanUnit',
  'planLens.cacheNode',
  'planLens.criticalTask',
] as const;

/** The language contributed for plan files: JSON syntax, activation and selectors scoped to plan files. */
export const planLanguageId = 'planlens-json';
