// js-yaml's own CORE_SCHEMA differs from the `yaml` package's YAML 1.2 core schema in small ways
// (`1_000` and `0b1` are numbers there, `-.5` is text), and the fast path must read every plain
// scalar exactly as the precise loader does. So the implicit types here follow yaml's core schema:
// the same patterns, the same conversions, the same order.
// (js-yaml keeps one type per tag, hence one int and one float type with several patterns each.)
// js-yaml asks every type about every plain scalar, so each test starts with a cheap look at the
// first character before any pattern runs.
import { FAILSAFE_SCHEMA, Type } from 'js-yaml';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const OCTAL = /^0o[0-7]+$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENT_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

const nullType = new Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (text: string) => text.length <= 4 && NULLS.has(text),
  construct: () => null,
});

const boolType = new Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => (text.length === 4 || text.length === 5) && BOOLS.has(text),
  construct: (text: string) => text[0] === 't' || text[0] === 'T',
});

const intType = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string) => startsLikeNumber(text) && (OCTAL.test(text) || DECIMAL.test(text) || HEX.test(text)),
  construct: (text: string) => {
    if (OCTAL.test(text)) return parseInt(text.slice(2), 8);
    if (HEX.test(text)) return parseInt(text.slice(2), 16);
    return parseInt(text, 10);
  },
});

const floatType = new Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: (text: string) => startsLikeNumber(text) && (SPECIAL_FLOAT.test(text) || EXPONENT_FLOAT.test(text) || FLOAT.test(text)),
  construct: (text: string) => {
    if (!SPECIAL_FLOAT.test(text)) return parseFloat(text);
    if (text.slice(-3).toLowerCase() === 'nan') return NaN;
    return text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  },
});

/** Every number pattern above starts with a digit, a sign or a dot. */
function startsLikeNumber(text: string): boolean {
  const code = text.charCodeAt(0);
  return (code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d || code === 0x2e;
}

/** Plain scalars resolved as the `yaml` package's default (YAML 1.2 core) schema does. */
export const YAML_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, intType, floatType] });
