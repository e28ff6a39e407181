// Translates a JavaScript regular expression into RE2's syntax. Patterns in prompt files arrive in
// pull requests and run on model output, so promptgate matches them with RE2 (re2js), whose time is
// linear in the text; a backtracking engine spends years on `^(.|.)*\x00$` against 40 characters.
// What RE2 cannot run (lookaround, backreferences) is refused here with what to write instead.
//
// The pattern has already been accepted by `new RegExp(source, flags)` (compiling never backtracks,
// only matching does): this reader relies on it being valid JavaScript and only decides what each
// construct means, including the legacy forms JavaScript accepts without the u flag.
import { ANY, complement, literal, NOT_LINE_TERMINATOR, NOTHING, propertyMembers, rangesText, re2PropertyName, WHITE_SPACE, type Ranges } from './regex-charsets.js';
import { checkRepeats, emit, Refusal, sizeOf, WHY, type Node } from './regex-tree.js';

export type Translation =
  | {
      ok: true;
      /** The same pattern in RE2's syntax, flags included. */
      pattern: string;
      /** A rough count of the RE2 instructions it compiles to, known before compiling it. */
      estimatedSize: number;
    }
  | { ok: false; reason: string };

/**
 * Deeper nesting than any real pattern, and shallow enough that this recursive reader and RE2's
 * parser (which refuses an expression 1,000 levels high) never run out of stack.
 */
const MAX_GROUP_DEPTH = 200;

/**
 * Unicode properties RE2 does not name that one pattern may use. Each is expanded by asking
 * JavaScript's engine about every code point, 20–40 ms once per property, so a pattern naming
 * hundreds of them would stall loading for tens of seconds; real patterns use one or two.
 */
const MAX_EXPANDED_PROPERTIES = 8;

export function translateToRe2(source: string, flags: string): Translation {
  if (flags.includes('v')) {
    return { ok: false, reason: `the v flag is not supported (${WHY}, without class set operations); use the u flag instead` };
  }
  try {
    const tree = new Reader(source, flags, countGroups(source)).read();
    checkRepeats(tree);
    let pattern = emit(tree);
    // Each evaluation starts at the beginning of the output, so sticky means "matches there".
    if (flags.includes('y')) pattern = `\\A(?:${pattern})`;
    const scoped = (flags.includes('i') ? 'i' : '') + (flags.includes('m') ? 'm' : '');
    if (scoped !== '') pattern = `(?${scoped})${pattern}`;
    return { ok: true, pattern, estimatedSize: sizeOf(tree) + 2 };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.reason };
    throw error;
  }
}

/** Capturing groups in the whole pattern: without the u flag they decide whether `\2` is a backreference or an octal escape. */
function countGroups(source: string): { captures: number; named: boolean } {
  let captures = 0;
  let named = false;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') {
      if (source[i + 1] !== '?') captures++;
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
        captures++;
        named = true;
      }
    }
  }
  return { captures, named };
}

const QUANTIFIER_BRACES = /\{(\d+)(?:(,)(\d*))?\}/y;
const GROUP_MODIFIERS = /\?([ims]*)(?:-([ims]*))?:/y;
const HEX2 = /[0-9a-fA-F]{2}/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

class Reader {
  private pos = 0;
  private depth = 0;
  private readonly expandedProperties = new Set<string>();
  private readonly unicode: boolean;
  private dotAll: boolean;

  constructor(
    private readonly source: string,
    flags: string,
    private readonly groups: { captures: number; named: boolean },
  ) {
    this.unicode = flags.includes('u');
    this.dotAll = flags.includes('s');
  }

  read(): Node {
    return this.disjunction();
  }

  private peek(offset = 0): string | undefined {
    return this.source[this.pos + offset];
  }

  private disjunction(): Node {
    const options = [this.alternative()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.alternative());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  private alternative(): Node {
    const items: Node[] = [];
    while (this.pos < this.source.length && this.peek() !== '|' && this.peek() !== ')') items.push(this.term());
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  }

  private term(): Node {
    const atom = this.atom();
    const start = this.pos;
    const bounds = this.quantifier();
    if (!bounds) return atom;
    const lazy = this.peek() === '?';
    if (lazy) this.pos++;
    return { kind: 'repeat', body: atom, ...bounds, lazy, written: this.source.slice(start, this.pos) };
  }

  private quantifier(): { min: number; max: number | undefined } | undefined {
    switch (this.peek()) {
      case '*':
        this.pos++;
        return { min: 0, max: undefined };
      case '+':
        this.pos++;
        return { min: 1, max: undefined };
      case '?':
        this.pos++;
        return { min: 0, max: 1 };
      case '{': {
        QUANTIFIER_BRACES.lastIndex = this.pos;
        const match = QUANTIFIER_BRACES.exec(this.source);
        // Without the u flag a brace that does not make a count is a literal brace.
        if (!match) return undefined;
        this.pos += match[0].length;
        const min = Number(match[1]);
        const max = match[2] === undefined ? min : match[3] === '' ? undefined : Number(match[3]);
        return { min, max };
      }
      default:
        return undefined;
    }
  }

  private atom(): Node {
    switch (this.peek()) {
      case '^':
      case '$':
        return { kind: 'atom', re2: this.source[this.pos++]! };
      case '.':
        this.pos++;
        return { kind: 'atom', re2: this.dotAll ? ANY : NOT_LINE_TERMINATOR };
      case '(':
        return this.group();
      case '[':
        return { kind: 'atom', re2: this.characterClass() };
      case '\\':
        return { kind: 'atom', re2: this.atomEscape() };
      default:
        return { kind: 'atom', re2: literal(this.codePoint()) };
    }
  }

  private codePoint(): number {
    const cp = this.source.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private group(): Node {
    const rest = this.source.slice(this.pos, this.pos + 4);
    if (rest.startsWith('(?=') || rest.startsWith('(?!')) {
      throw new Refusal(
        `a lookahead ${rest.slice(0, 3)}…) is not supported (${WHY}, without lookaround); ` +
          'match the text itself, or check what must not appear with a separate not-regex assertion',
      );
    }
    if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
      throw new Refusal(
        `a lookbehind ${rest}…) is not supported (${WHY}, without lookaround); ` +
          'match the text itself, or check what must not appear with a separate not-regex assertion',
      );
    }
    const dotAllOutside = this.dotAll;
    let modifiers = '';
    this.pos++;
    if (this.peek() === '?') {
      if (this.peek(1) === ':') this.pos += 2;
      else if (this.peek(1) === '<') {
        // A named group: nothing reads captures (there are no backreferences), so every group is plain.
        this.pos = this.source.indexOf('>', this.pos) + 1;
      } else {
        GROUP_MODIFIERS.lastIndex = this.pos;
        const match = GROUP_MODIFIERS.exec(this.source)!;
        this.pos += match[0].length;
        const on = match[1] ?? '';
        const off = match[2] ?? '';
        // `.` is translated by this reader, so s is tracked here rather than passed on.
        if (on.includes('s')) this.dotAll = true;
        if (off.includes('s')) this.dotAll = false;
        const re2On = on.replace('s', '');
        const re2Off = off.replace('s', '');
        modifiers = re2On + (re2Off === '' ? '' : `-${re2Off}`);
      }
    }
    if (++this.depth > MAX_GROUP_DEPTH) {
      throw new Refusal(`groups are nested more than ${MAX_GROUP_DEPTH} deep; write the pattern with less nesting`);
    }
    const body = this.disjunction();
    this.depth--;
    this.pos++; // the closing )
    this.dotAll = dotAllOutside;
    return { kind: 'group', body, modifiers };
  }

  /** After a backslash outside a class. */
  private atomEscape(): string {
    const c = this.peek(1)!;
    switch (c) {
      case 'b':
      case 'B':
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.pos += 2;
        return `\\${c}`;
      case 's':
        this.pos += 2;
        return `[${rangesText(WHITE_SPACE)}]`;
      case 'S':
        this.pos += 2;
        return `[^${rangesText(WHITE_SPACE)}]`;
      case 'k':
        if (this.unicode || this.groups.named) {
          const end = this.source.indexOf('>', this.pos) + 1;
          throw backreference(this.source.slice(this.pos, end));
        }
        break;
      case 'p':
      case 'P':
        if (this.unicode) {
          const property = this.property();
          return typeof property === 'string' ? property : `[${rangesText(property)}]`;
        }
        break;
    }
    if (c >= '1' && c <= '9') {
      const digits = /\d+/y;
      digits.lastIndex = this.pos + 1;
      const written = digits.exec(this.source)![0];
      // Without the u flag a number above the group count is an octal escape or the digit itself.
      if (this.unicode || Number(written) <= this.groups.captures) throw backreference(`\\${written}`);
    }
    return literal(this.characterEscape());
  }

  /** A backslash sequence that stands for one character; advances past it. */
  private characterEscape(): number {
    const c = this.peek(1)!;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    switch (c) {
      case 'c': {
        const letter = this.peek(2) ?? '';
        if (/[a-zA-Z]/.test(letter)) {
          this.pos += 3;
          return letter.charCodeAt(0) % 32;
        }
        // Without the u flag, `\c` before anything else is a backslash, and the c is read next.
        this.pos += 1;
        return 0x5c;
      }
      case 'x': {
        HEX2.lastIndex = this.pos + 2;
        const hex = HEX2.exec(this.source);
        if (!hex) break;
        this.pos += 4;
        return parseInt(hex[0], 16);
      }
      case 'u':
        return this.unicodeEscape() ?? this.identityEscape();
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
        return this.octalEscape();
    }
    return this.identityEscape();
  }

  private identityEscape(): number {
    this.pos += 1;
    return this.codePoint();
  }

  /** `\u{1F600}`, `\u00e9`, and a pair of surrogate escapes as the one character they encode. */
  private unicodeEscape(): number | undefined {
    if (this.unicode && this.peek(2) === '{') {
      const close = this.source.indexOf('}', this.pos);
      const value = parseInt(this.source.slice(this.pos + 3, close), 16);
      this.pos = close + 1;
      return value;
    }
    const unit = this.hex4At(this.pos + 2);
    if (unit === undefined) return undefined;
    this.pos += 6;
    if (unit >= 0xd800 && unit <= 0xdbff && this.peek() === '\\' && this.peek(1) === 'u') {
      const low = this.hex4At(this.pos + 2);
      if (low !== undefined && low >= 0xdc00 && low <= 0xdfff) {
        this.pos += 6;
        return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
      }
    }
    return unit;
  }

  private hex4At(index: number): number | undefined {
    HEX4.lastIndex = index;
    const hex = HEX4.exec(this.source);
    return hex ? parseInt(hex[0], 16) : undefined;
  }

  /** `\0`, and without the u flag the legacy octal escapes up to `\377`. */
  private octalEscape(): number {
    const first = this.peek(1)!;
    if (first === '0' && !/[0-9]/.test(this.peek(2) ?? '')) {
      this.pos += 2;
      return 0;
    }
    const maxDigits = first <= '3' ? 3 : 2;
    let value = 0;
    let digits = 0;
    while (digits < maxDigits && /[0-7]/.test(this.peek(1 + digits) ?? '')) {
      value = value * 8 + Number(this.peek(1 + digits));
      digits++;
    }
    this.pos += 1 + digits;
    return value;
  }

  /** `\p{…}` or `\P{…}`: RE2's own name where RE2 knows the property, or else its characters. */
  private property(): string | Ranges {
    const negated = this.peek(1) === 'P';
    const close = this.source.indexOf('}', this.pos);
    const body = this.source.slice(this.pos + 3, close);
    this.pos = close + 1;
    const native = re2PropertyName(body);
    if (native !== undefined) return `\\${negated ? 'P' : 'p'}{${native}}`;
    this.expandedProperties.add(body);
    if (this.expandedProperties.size > MAX_EXPANDED_PROPERTIES) {
      throw new Refusal(
        `the pattern uses more than ${MAX_EXPANDED_PROPERTIES} Unicode properties that RE2 lacks (such as \\p{${body}}), each of which ` +
          'promptgate builds character by character; use General_Category or Script names, or split the pattern',
      );
    }
    const members = propertyMembers(body);
    return negated ? complement(members) : members;
  }

  /** Returns the class in RE2's syntax. */
  private characterClass(): string {
    this.pos++;
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const parts: string[] = [];
    while (this.peek() !== ']') {
      const first = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']') {
        this.pos++;
        const second = this.classAtom();
        // Without the u flag, a range with a class escape at either end is just the two and a hyphen.
        if (typeof first === 'number' && typeof second === 'number') parts.push(`${literal(first)}-${literal(second)}`);
        else parts.push(classPart(first), literal(0x2d), classPart(second));
      } else {
        parts.push(classPart(first));
      }
    }
    this.pos++;
    const body = parts.join('');
    // `[]` matches nothing and `[^]` anything; RE2 has no empty class.
    if (body === '') return negated ? ANY : NOTHING;
    return `[${negated ? '^' : ''}${body}]`;
  }

  /** One character (a number), or a set as a fragment of an RE2 class body. */
  private classAtom(): number | string | Ranges {
    if (this.peek() !== '\\') return this.codePoint();
    const c = this.peek(1)!;
    switch (c) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.pos += 2;
        return `\\${c}`;
      case 's':
        this.pos += 2;
        return WHITE_SPACE;
      case 'S':
        this.pos += 2;
        return complement(WHITE_SPACE);
      case 'b':
        this.pos += 2;
        return 0x08;
      case 'p':
      case 'P':
        if (this.unicode) return this.property();
        break;
      case 'c':
        // Without the u flag a class also takes digits and _ after \c.
        if (/[0-9_]/.test(this.peek(2) ?? '')) {
          this.pos += 3;
          return this.source.charCodeAt(this.pos - 1) % 32;
        }
        break;
    }
    if (c === '8' || c === '9') return this.identityEscape();
    return this.characterEscape();
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = { f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b };

function backreference(written: string): Refusal {
  return new Refusal(
    `a backreference ${written} is not supported (${WHY}, without backreferences); ` +
      'write the repeated text out, or check it with a separate assertion',
  );
}

function classPart(part: number | string | Ranges): string {
  if (typeof part === 'number') return literal(part);
  return typeof part === 'string' ? part : rangesText(part);
}
