/**
 * A JSON tokenizer tuned for the compact output of rustworkx, the base of the node-link fast path: it
 * reads in place over the text and gives up (throws GIVE_UP) on anything outside the subset the fast path
 * handles, instead of reporting; the general reader then reads the file and says what is wrong.
 */

import { KEY_TABLE, KEY_TABLE_BITS, KEYS, keyHash, UNKNOWN_KEY } from './nodeLinkKeys';

/** Thrown to give up on the fast path; readWellFormedNodeLink catches it. */
class GiveUp {}
export const GIVE_UP = new GiveUp();

export abstract class CompactJsonTokenizer {
  protected at = 0;
  /** The span of the last key read, for the rare key whose text is needed. */
  protected keyStart = 0;
  protected keyEnd = 0;

  constructor(protected readonly text: string) {}

  protected whitespace(): void {
    const s = this.text;
    let i = this.at;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.at = i;
  }

  protected punctuation(c: number): void {
    // rustworkx writes compact JSON: test for the character before looking for whitespace.
    if (this.text.charCodeAt(this.at) !== c) {
      this.whitespace();
      if (this.text.charCodeAt(this.at) !== c) throw GIVE_UP;
    }
    this.at++;
  }

  protected objectStart(): void {
    this.punctuation(0x7b /* { */);
  }

  protected arrayStart(): void {
    this.punctuation(0x5b /* [ */);
  }

  protected colon(): void {
    this.punctuation(0x3a /* : */);
  }

  /** After `{`: true when a member follows, false on `}`. */
  protected firstMember(): boolean {
    return this.first(0x7d /* } */);
  }

  /** After a member: true on `,`, false on `}`. */
  protected nextMember(): boolean {
    return this.next(0x7d);
  }

  protected firstElement(): boolean {
    return this.first(0x5d /* ] */);
  }

  protected nextElement(): boolean {
    return this.next(0x5d);
  }

  protected first(close: number): boolean {
    this.whitespace();
    if (this.text.charCodeAt(this.at) !== close) return true;
    this.at++;
    return false;
  }

  protected next(close: number): boolean {
    let c = this.text.charCodeAt(this.at);
    if (c !== 0x2c /* , */ && c !== close) {
      this.whitespace();
      c = this.text.charCodeAt(this.at);
    }
    this.at++;
    if (c === 0x2c) return true;
    if (c === close) return false;
    throw GIVE_UP;
  }

  /** A key without escapes, as an index into KEYS, or UNKNOWN_KEY. */
  protected key(): number {
    this.punctuation(0x22 /* " */);
    const s = this.text;
    const start = this.at;
    let i = start;
    let hash = 0;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c /* \ */ || !(c >= 0x20)) throw GIVE_UP;
      hash = keyHash(hash, c);
      i++;
    }
    this.at = i + 1;
    this.keyStart = start;
    this.keyEnd = i;
    const index = KEY_TABLE[hash & ((1 << KEY_TABLE_BITS) - 1)] - 1;
    if (index === UNKNOWN_KEY) return UNKNOWN_KEY;
    const known = KEYS[index];
    return known.length === i - start && this.text.startsWith(known, start) ? index : UNKNOWN_KEY;
  }

  /** A string's raw content between its quotes, escapes undecoded (a bad escape fails when decoded). */
  protected rawString(): string {
    this.punctuation(0x22 /* " */);
    const s = this.text;
    const start = this.at;
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        i += 2;
        continue;
      }
      if (!(c >= 0x20)) throw GIVE_UP;
      i++;
    }
    this.at = i + 1;
    return s.slice(start, i);
  }

  /** A JSON integer in plain form (no fraction, exponent or minus zero), within the safe range. */
  protected integer(): number {
    this.whitespace();
    const s = this.text;
    let i = this.at;
    const negative = s.charCodeAt(i) === 0x2d;
    if (negative) i++;
    let c = s.charCodeAt(i);
    let value = 0;
    if (c === 0x30) {
      if (negative) throw GIVE_UP;
      c = s.charCodeAt(++i);
    } else if (c >= 0x31 && c <= 0x39) {
      while (c >= 0x30 && c <= 0x39) {
        value = value * 10 + (c - 0x30);
        c = s.charCodeAt(++i);
      }
    } else throw GIVE_UP;
    if (c === 0x2e || c === 0x65 || c === 0x45 || (c >= 0x30 && c <= 0x39) || value > Number.MAX_SAFE_INTEGER) throw GIVE_UP;
    this.at = i;
    return negative ? -value : value;
  }

  protected literal(word: 'true' | 'false'): void {
    this.whitespace();
    if (!this.text.startsWith(word, this.at)) throw GIVE_UP;
    this.at += word.length;
  }
}
