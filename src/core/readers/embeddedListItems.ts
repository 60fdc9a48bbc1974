/**
 * Item readers for the lists embedded as JSON text in node-link `data` values (artifact-formats.md §2.3).
 * The general reader and the fast path share them, so both accept exactly the same items.
 */

import type { RequiredType } from './nodeLinkGraph';

export function readStringItem(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function readRequiredTypeItem(v: unknown): RequiredType | undefined {
  return isPlainRecord(v) && typeof v.name === 'string' && typeof v.type === 'string' ? { name: v.name, type: v.type } : undefined;
}

export function readRequiredMetadataItem(v: unknown): { key: string; value: string } | undefined {
  return isPlainRecord(v) && typeof v.key === 'string' && typeof v.value === 'string' ? { key: v.key, value: v.value } : undefined;
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
