/**
 * The canonical JSON of a plan artifact, for reading two of them in a diff editor: object keys sorted,
 * two-space indentation, and in a node-link graph the numeric node ids (which shift whenever one run has
 * a task more) replaced by node names, nodes sorted by kind and name, links by their ends. Two runs' files
 * then differ only where the plans do. Text that is not JSON comes back as it is, with the reason first.
 */

import { compareCodePoints } from '../text/compareCodePoints';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalPlanJson(text: string, file: string): string {
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch (e) {
    return `// ${file} is not JSON (${e instanceof Error ? e.message : String(e)}): shown as it is\n${text}`;
  }
  return `${JSON.stringify(sortKeys(nodeLinkByName(value)), null, 2)}\n`;
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A node-link document with links naming their ends; anything else unchanged. */
function nodeLinkByName(value: Json): Json {
  if (!isObject(value) || !Array.isArray(value.nodes) || !Array.isArray(value.links)) return value;
  const nameOf = new Map<Json, string>();
  const nodes = value.nodes.map((node) => {
    if (!isObject(node)) return node;
    const data = isObject(node.data) ? node.data : {};
    const name = typeof data.name === 'string' ? data.name : JSON.stringify(node.id);
    const kind = typeof data.kind === 'string' ? data.kind : '';
    nameOf.set(node.id, `${kind}:${name}`);
    const { id: _id, ...rest } = node;
    return { node: `${kind}:${name}`, ...rest };
  });
  const end = (id: Json): Json => nameOf.get(id) ?? id;
  const links = value.links.map((link) => {
    if (!isObject(link)) return link;
    const { id: _id, source, target, ...rest } = link;
    return { source: end(source ?? null), target: end(target ?? null), ...rest };
  });
  const key = (v: Json, fields: readonly string[]): string => (isObject(v) ? fields.map((f) => String(v[f])).join('\u0000') : JSON.stringify(v));
  nodes.sort((a, b) => compareCodePoints(key(a, ['node']), key(b, ['node'])));
  links.sort((a, b) => compareCodePoints(key(a, ['source', 'target']), key(b, ['source', 'target'])) || compareCodePoints(JSON.stringify(a), JSON.stringify(b)));
  return { ...value, nodes, links };
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: { [key: string]: Json } = {};
  for (const k of Object.keys(value).sort(compareCodePoints)) out[k] = sortKeys(value[k]);
  return out;
}
