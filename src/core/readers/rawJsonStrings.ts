/** Raw (still escaped) JSON string contents as the node-link fast path captures them. */

export function decodeRaw(raw: string): string {
  return raw.indexOf('\\') === -1 ? raw : (JSON.parse(`"${raw}"`) as string);
}

/**
 * A list of names as Python's json.dumps writes it inside a JSON string, `[\"a\", \"b\"]`, read from the
 * raw (still escaped) value: every task's inputs and sources look like this, and decoding the string and
 * then parsing the list allocates three times. Undefined when any name has an escape of its own or the
 * layout differs; the caller then decodes the general way.
 */
export function plainNameList(raw: string): string[] | undefined {
  const end = raw.length;
  if (raw.charCodeAt(0) !== 0x5b /* [ */ || raw.charCodeAt(end - 1) !== 0x5d /* ] */) return undefined;
  const names: string[] = [];
  let i = 1;
  for (;;) {
    // Each item is \" name \", the name free of backslashes and quotes.
    if (raw.charCodeAt(i) !== 0x5c || raw.charCodeAt(i + 1) !== 0x22) return undefined;
    const from = i + 2;
    let j = from;
    for (;;) {
      const c = raw.charCodeAt(j);
      if (c === 0x5c) break;
      if (!(c >= 0x20) || c === 0x22) return undefined;
      j++;
    }
    if (raw.charCodeAt(j + 1) !== 0x22) return undefined;
    names.push(raw.slice(from, j));
    i = j + 2;
    if (i === end - 1) return names;
    if (raw.charCodeAt(i) !== 0x2c /* , */ || raw.charCodeAt(i + 1) !== 0x20) return undefined;
    i += 2;
  }
}
