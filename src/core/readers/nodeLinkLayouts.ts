/**
 * The item layouts rustworkx writes for node-link files, as sticky regular expressions the fast path
 * matches whole items against (see nodeLinkFastPath.ts for why).
 */

import { K, KEYS } from './nodeLinkKeys';

// The layouts rustworkx writes (compact, data keys sorted), as sticky patterns. A string value is its
// raw JSON content: no quote, backslash or control character except in a valid escape.
const RAW = String.raw`((?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)`;
// Integers are checked by the pattern but not captured: they are read in place (see matchLayout).
const NODE_ID = String.raw`(?:0|[1-9]\d{0,14})`;
const LINK_ID = String.raw`(?:0|-?[1-9]\d{0,14})`;

/**
 * One `data` field of a layout. Values listed as common are matched as literals with an empty capture
 * group each, so the most frequent values ("true", "requires", "[]") cost no string per item; any other
 * value is captured raw.
 */
export interface LayoutField {
  readonly key: number;
  readonly common?: readonly string[];
  readonly optional?: boolean;
}

export class Layout {
  readonly pattern: RegExp;

  constructor(
    prefix: string,
    readonly integers: number,
    readonly fields: readonly LayoutField[],
    /** A node layout spells its kind out; this is then its `kind` value. */
    readonly kind?: 'evidence' | 'task',
  ) {
    let source = prefix;
    fields.forEach((f, i) => {
      const common = (f.common ?? []).map((c) => `${escapeRegExp(c)}()|`).join('');
      const member = `"${KEYS[f.key]}":"(?:${common}${RAW})"`;
      const separator = i === 0 ? '' : ',';
      source += f.optional === true ? `(?:${separator}${member})?` : separator + member;
    });
    this.pattern = new RegExp(source + String.raw`\}\}`, 'y');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[[\]\\^$.|?*+(){}]/g, '\\$&');
}

export const EVIDENCE_LAYOUT = new Layout(
  String.raw`\{"id":${NODE_ID},"data":\{"kind":"evidence",`,
  1,
  [{ key: K.name }, ...(['scan_candidate_file_count', 'scan_dataset_name', 'scan_delta_version', 'scan_unit_key'] as const).map((k) => ({ key: K[k], optional: true }))],
  'evidence',
);
export const TASK_LAYOUT = new Layout(
  String.raw`\{"id":${NODE_ID},"data":\{`,
  1,
  [
    { key: K.inputs, common: ['[]'] },
    { key: K.kind, common: ['task'] },
    { key: K.name },
    { key: K.output },
    { key: K.priority, common: ['100', '10'] },
    { key: K.sources, common: ['[]'] },
    { key: K.task_kind, common: ['view', 'scan'] },
  ],
);
export const LINK_LAYOUT = new Layout(
  String.raw`\{"source":${NODE_ID},"target":${NODE_ID},"id":${LINK_ID},"data":\{`,
  3,
  [
    { key: K.inferred, common: ['true'] },
    { key: K.kind, common: ['requires', 'produces'] },
    { key: K.name },
    { key: K.plan_fingerprint, common: [''] },
    { key: K.required_columns, common: ['[]'] },
    { key: K.required_metadata, common: ['[]'] },
    { key: K.required_types, common: ['[]'] },
  ],
);
