/**
 * The Plan Lens bundle, `*.planlens.json`: the whole model in one versioned JSON document, so a plan and
 * its runs travel as one file an editor can open (schemas/planlens.schema.json validates it). Writing is
 * `JSON.stringify` of the model; reading checks the marker, the version and the model's structure, and
 * rebuilds every object without a prototype so no key can reach `Object.prototype`.
 */

import type { PlanIssue } from '../issues';
import { isJsonObject, type JsonObject, type JsonValue } from '../json/parseJson';
import type { FieldReader } from '../artifacts/fields';
import { checkModel } from '../model/checkModel';
import { dict, PLAN_MODEL_VERSION, type PlanModel } from '../model/planModel';

export const BUNDLE_SCHEMA_ID = 'https://plan-lens.dev/schemas/planlens.schema.json';

export interface PlanLensBundle {
  readonly $schema: string;
  readonly planLens: 'bundle';
  readonly version: number;
  readonly generator: string;
  readonly model: PlanModel;
  /** Problems found while the bundle was assembled, so they survive the trip. */
  readonly issues: readonly PlanIssue[];
}

export function makeBundle(model: PlanModel, issues: readonly PlanIssue[] = [], generator = 'plan-lens'): PlanLensBundle {
  return { $schema: BUNDLE_SCHEMA_ID, planLens: 'bundle', version: PLAN_MODEL_VERSION, generator, model, issues };
}

export function bundleText(bundle: PlanLensBundle): string {
  return JSON.stringify(bundle, null, 2) + '\n';
}

function withoutPrototypes(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(withoutPrototypes);
  if (isJsonObject(v)) return dict(Object.keys(v).map((k) => [k, withoutPrototypes(v[k])] as const)) as JsonObject;
  return v;
}

const MODEL_LISTS = ['tasks', 'evidence', 'edges', 'dependencies', 'views', 'runs', 'sources'] as const;

/** Reads a bundle document; `undefined` (with issues) when it cannot be used. */
export function readBundle(o: JsonObject, r: FieldReader): { model?: PlanModel; issues: readonly PlanIssue[] } {
  const version = r.int(o, 'version', '', { required: true });
  if (version === undefined) return { issues: r.issues };
  if (version < 1 || version > PLAN_MODEL_VERSION) {
    r.report('error', 'unknown-version', `bundle version ${version} is not one this Plan Lens reads (1..${PLAN_MODEL_VERSION}); a newer Plan Lens wrote it`, '/version');
    return { issues: r.issues };
  }
  const m = r.object(o.model, '/model');
  if (m === undefined) {
    if (o.model === undefined) r.report('error', 'missing-field', 'required field "model" is missing', '');
    return { issues: r.issues };
  }
  const before = r.issues.length;
  for (const key of MODEL_LISTS) {
    if (!Array.isArray(m[key])) {
      if (m[key] === undefined) r.report('error', 'missing-field', `required field "${key}" is missing`, '/model');
      else r.report('error', 'wrong-type', `expected a list`, `/model/${key}`);
    }
  }
  if (r.issues.length > before) return { issues: r.issues };
  r.items(m.tasks, '/model/tasks', (t, p) => {
    const to = r.object(t, p);
    if (to !== undefined) {
      r.str(to, 'name', p, { required: true });
      r.str(to, 'kind', p, { required: true });
      r.strList(to, 'inputs', p);
      r.strList(to, 'sources', p);
    }
    return undefined;
  });
  r.items(m.edges, '/model/edges', (e, p) => {
    const eo = r.object(e, p);
    if (eo !== undefined) {
      const kind = r.str(eo, 'kind', p, { required: true });
      if (kind !== undefined && kind !== 'requires' && kind !== 'produces') r.report('error', 'wrong-value', `edge kind must be "requires" or "produces", not "${kind}"`, p + '/kind');
      r.str(eo, 'task', p, { required: true });
      r.str(eo, 'evidence', p, { required: true });
    }
    return undefined;
  });
  r.items(m.dependencies, '/model/dependencies', (d, p) => {
    const dobj = r.object(d, p);
    if (dobj !== undefined) {
      r.str(dobj, 'from', p, { required: true });
      r.str(dobj, 'to', p, { required: true });
      r.strList(dobj, 'evidence', p);
    }
    return undefined;
  });
  if (m.schedule !== undefined) {
    const s = r.object(m.schedule, '/model/schedule');
    if (s !== undefined) {
      r.strList(s, 'orderedTasks', '/model/schedule', { required: true });
      r.list(s, 'generations', '/model/schedule', (g, p) => r.strItems(g, p), { required: true });
    }
  }
  if (r.issues.some((i, n) => n >= before && i.severity === 'error')) return { issues: r.issues };
  const model = withoutPrototypes(m) as unknown as PlanModel;
  r.issues.push(...checkModel(model, r.file, '/model'));
  return { model, issues: r.issues };
}
