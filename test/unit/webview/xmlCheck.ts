/**
 * A strict parser for the XML subset the SVG export writes (declaration, elements, attributes, text, the
 * five named entities and numeric references), for checking exports without a DOM: it throws on anything
 * not well-formed (an unbalanced or misnested tag, a raw `<` or `&` in text or an attribute, a duplicate
 * attribute, a character XML 1.0 forbids), and gives back the tree with entities decoded.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: ReadonlyArray<XmlElement | string>;
}

// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const nameRe = /[A-Za-z_:][\w:.-]*/y;
const attrRe = /\s+([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const entityRe = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/y;
const named: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`raw < at ${where}`);
  if (!raw.includes('&')) return raw;
  let out = '';
  let i = 0;
  for (;;) {
    const amp = raw.indexOf('&', i);
    if (amp < 0) return out + raw.slice(i);
    out += raw.slice(i, amp);
    entityRe.lastIndex = amp;
    const m = entityRe.exec(raw);
    if (m === null) throw new Error(`bare & at ${where + amp}`);
    out += m[1] !== undefined ? named[m[1]] : String.fromCodePoint(m[2] !== undefined ? Number(m[2]) : parseInt(m[3], 16));
    i = entityRe.lastIndex;
  }
}

export function parseXml(text: string): XmlElement {
  const bad = forbidden.exec(text);
  if (bad !== null) throw new Error(`character U+${bad[0].charCodeAt(0).toString(16)} that XML 1.0 forbids at ${bad.index}`);
  let i = 0;
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) throw new Error('unterminated declaration');
    i = end + 2;
  }
  const root: { name: string; attributes: Map<string, string>; children: Array<XmlElement | string> } = { name: '#document', attributes: new Map(), children: [] };
  const stack = [root];
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (chunk.length > 0) {
      const decoded = decode(chunk, i);
      if (stack.length === 1) {
        if (decoded.trim() !== '') throw new Error(`text outside the root element at ${i}`);
      } else stack[stack.length - 1].children.push(decoded);
    }
    if (lt < 0) break;
    i = lt + 1;
    if (text[i] === '/') {
      nameRe.lastIndex = i + 1;
      const m = nameRe.exec(text);
      if (m === null) throw new Error(`bad end tag at ${lt}`);
      const open = stack.pop();
      if (open === undefined || stack.length === 0 || open.name !== m[0]) throw new Error(`</${m[0]}> closes <${open?.name}> at ${lt}`);
      i = nameRe.lastIndex;
      while (text[i] === ' ' || text[i] === '\n') i++;
      if (text[i] !== '>') throw new Error(`bad end tag at ${lt}`);
      i++;
      continue;
    }
    nameRe.lastIndex = i;
    const m = nameRe.exec(text);
    if (m === null) throw new Error(`bad tag at ${lt} (comments, CDATA and doctypes are not written by the export)`);
    i = nameRe.lastIndex;
    const element = { name: m[0], attributes: new Map<string, string>(), children: [] as Array<XmlElement | string> };
    for (;;) {
      attrRe.lastIndex = i;
      const a = attrRe.exec(text);
      if (a === null) break;
      if (element.attributes.has(a[1])) throw new Error(`duplicate attribute ${a[1]} at ${i}`);
      element.attributes.set(a[1], decode(a[2] ?? a[3], i));
      i = attrRe.lastIndex;
    }
    while (text[i] === ' ' || text[i] === '\n') i++;
    if (stack.length === 1 && root.children.length > 0) throw new Error(`a second root element at ${lt}`);
    stack[stack.length - 1].children.push(element);
    if (text.startsWith('/>', i)) i += 2;
    else if (text[i] === '>') {
      i++;
      stack.push(element);
    } else throw new Error(`bad tag <${m[0]} at ${lt}: ${JSON.stringify(text.slice(i, i + 20))}`);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  const top = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (top.length !== 1) throw new Error('no root element');
  return top[0];
}

/** Every element below `root` (itself included), depth first. */
export function* elements(root: XmlElement): Generator<XmlElement> {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const e = stack.pop() as XmlElement;
    yield e;
    for (let k = e.children.length - 1; k >= 0; k--) {
      const c = e.children[k];
      if (typeof c !== 'string') stack.push(c);
    }
  }
}

export function textOf(e: XmlElement): string {
  return e.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}
