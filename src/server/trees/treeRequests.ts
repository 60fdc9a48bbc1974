/**
 * The tree views' custom requests (src/protocol/lsp.ts): Runs, Delta Pins, Cache Lineage and Critical
 * Path. The first three read the workspace folders' run catalogs (treeCatalogs.ts); the Critical Path
 * reads the plan's session, shared with the plan graph. Each answer's time is logged.
 */

import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { DEFAULT_MAX_FILE_BYTES } from '../../core/json/parseJson';
import { cacheNodesRequest, cacheRunsRequest, criticalPathRequest, deltaPinsRequest, deltaScanUnitsRequest, runsRequest } from '../../protocol/lsp';
import type { CacheNodesParams, CacheNodesResult, CacheRunsResult, CriticalPathParams, CriticalPathResult, DeltaPinsParams, DeltaPinsResult, DeltaScanUnitsParams, DeltaScanUnitsResult, RunsResult, TreeScope } from '../../protocol/trees';
import { cancellable } from '../cancellation';
import type { PlanSessions } from '../plans/planSessions';
import { cacheNodesOf, cacheRunsOf } from './cacheLineageTree';
import { criticalPathOf } from './criticalPathTree';
import { deltaPinsOf, scanUnitsOf } from './deltaPinsTree';
import { runsOf } from './runsTree';
import { TreeCatalogs } from './treeCatalogs';

export interface TreeRequestHandlers {
  runs(scope: TreeScope): Promise<RunsResult>;
  /** Cancelled by the editor when a newer refresh of the view supersedes it: pins may be read from a bucket. */
  deltaPins(params: DeltaPinsParams, token?: CancellationToken): Promise<DeltaPinsResult>;
  deltaScanUnits(params: DeltaScanUnitsParams, token?: CancellationToken): Promise<DeltaScanUnitsResult>;
  cacheRuns(scope: TreeScope): Promise<CacheRunsResult>;
  cacheNodes(params: CacheNodesParams): Promise<CacheNodesResult>;
  criticalPath(params: CriticalPathParams): Promise<CriticalPathResult>;
  /** A file changed on disk (workspace/didChangeWatchedFiles). */
  fileChanged(uri: string): void;
}

export function treeRequestHandlers(plans: PlanSessions, log: (message: string) => void): TreeRequestHandlers {
  const catalogs = new TreeCatalogs();
  const bytes = (scope: TreeScope): number => (scope.maxFileSizeMB !== undefined && scope.maxFileSizeMB > 0 ? Math.floor(scope.maxFileSizeMB * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES);
  const timed = async <T>(what: string, answer: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await answer();
    log(`${what} in ${Date.now() - started} ms`);
    return result;
  };
  return {
    runs: (scope) => timed('runs', async () => runsOf(await catalogs.of(scope))),
    deltaPins: (params, token) => timed(params.states === false ? 'Delta pins (states read so far)' : 'Delta pins', () => cancellable(token, async (signal) => deltaPinsOf(await catalogs.of(params), plans, params.states !== false, signal))),
    deltaScanUnits: (params, token) => timed('scan units of a pin', () => cancellable(token, async (signal) => scanUnitsOf(await catalogs.of(params), plans, params.pin, signal))),
    cacheRuns: (scope) => timed('cache lineage runs', async () => cacheRunsOf(await catalogs.of(scope), bytes(scope))),
    cacheNodes: (params) => timed('cache lineage nodes of a run', async () => cacheNodesOf(await catalogs.of(params), params.run, bytes(params))),
    criticalPath: (params) => timed('critical path', () => criticalPathOf(plans, params.uri)),
    fileChanged: (uri) => catalogs.fileChanged(uri),
  };
}

export function registerTreeRequests(connection: Connection, plans: PlanSessions): TreeRequestHandlers {
  const handlers = treeRequestHandlers(plans, (message) => connection.console.log(message));
  connection.onRequest(runsRequest, (scope) => handlers.runs(scope));
  connection.onRequest(deltaPinsRequest, (params, token) => handlers.deltaPins(params, token));
  connection.onRequest(deltaScanUnitsRequest, (params, token) => handlers.deltaScanUnits(params, token));
  connection.onRequest(cacheRunsRequest, (scope) => handlers.cacheRuns(scope));
  connection.onRequest(cacheNodesRequest, (params) => handlers.cacheNodes(params));
  connection.onRequest(criticalPathRequest, (params) => handlers.criticalPath(params));
  return handlers;
}
