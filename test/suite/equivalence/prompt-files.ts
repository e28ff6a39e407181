// Random prompt files, native and GitHub Models, written in random YAML styles and now and then
// broken on purpose, for comparing the fast loader with the precise one.
import { Random } from './random.js';
import { RawScalar, YamlWriter, randomStyle } from './yaml-writer.js';

const WORDS = ['refund', 'toaster', 'Acme', 'days', 'policy', 'héllo', '日本語', 'emoji 😀', 'tab\there', 'a: b', 'x #y', '50%', "it's", 'say "hi"', 'back\\slash', 'nbsp\u00a0end', 'ends nbsp\u00a0', '- dash', '[br]', '{br}', 'end ', ' start', '', 'yes', 'no', 'on', '123', '1.5', 'null', 'true', '@at', '`tick`', '*star', '&amp', '!bang', '?q', '#hash', '|pipe', '>gt', '%pc', 'a,b', 'k:v', 'ends:'];
const RAW_SCALARS = ['1_000', '0b101', '-.5', '+.5', '.5', '1.', '0o17', '0x1F', '-0x1F', '+12', '-0', '007', '1e3', '1E-2', '.inf', '-.Inf', '.NaN', '2001-01-01', 'yes', 'On', '<<', '=', '12345678901234567890', '0.1e+5', 'a  b', 'x:y', 'http://e.com/a#b'];
const VAR_PATHS = ['question', 'user.name', 'company.refundDays', 'topic', 'a.b', 'items'];
const TYPES = ['contains', 'icontains', 'equals', 'starts-with', 'iends-with', 'regex', 'not-contains', 'is-json', 'json-schema', 'max-length', 'min-length', 'max-words', 'contains-any', 'icontains-all', 'latency', 'max-tokens'];

export interface GeneratedFile {
  name: string;
  text: string;
}

export function generatePromptFile(seed: number): GeneratedFile {
  const random = new Random(seed);
  const github = random.chance(0.25);
  const data = github ? githubFile(random) : nativeFile(random);
  const writer = new YamlWriter(random, randomStyle(random));
  writer.mapping(data, 0);
  let text = writer.text(random.chance(0.2) ? '\r\n' : '\n');
  if (random.chance(0.05)) text = '# leading comment\n' + text;
  if (random.chance(0.03)) text = '---\n' + text;
  if (random.chance(0.01)) text = '\ufeff' + text;
  if (random.chance(0.3)) text = mutate(text, random);
  return { name: github ? `gen-${seed}.prompt.yml` : `gen-${seed}.prompt.yaml`, text };
}

function nativeFile(random: Random): Record<string, unknown> {
  const file: Record<string, unknown> = {};
  if (random.chance(0.8)) file.name = phrase(random);
  if (random.chance(0.3)) file.description = phrase(random) + (random.chance(0.3) ? '\nsecond line\n' : '');
  if (random.chance(0.6)) file.model = random.pick(['gpt-4o-mini', 'openai/gpt-4o', 'm']);
  if (random.chance(0.3)) file.modelParameters = modelParameters(random);
  if (random.chance(0.4)) file.vars = vars(random, 2);
  file.messages = messages(random);
  if (random.chance(0.3)) file.assert = assertions(random);
  if (random.chance(0.95)) file.tests = Array.from({ length: 1 + random.int(6) }, (_, index) => test(random, index));
  if (random.chance(0.1)) file.repeat = random.pick([1, 2, 0]);
  return shuffleKeys(file, random);
}

function githubFile(random: Random): Record<string, unknown> {
  const file: Record<string, unknown> = { name: phrase(random), model: 'openai/gpt-4o-mini' };
  if (random.chance(0.3)) file.description = phrase(random);
  if (random.chance(0.4)) file.modelParameters = { temperature: 0.3, maxTokens: random.pick([100, 250]) };
  file.messages = messages(random);
  file.testData = Array.from({ length: 1 + random.int(5) }, () => ({ ...vars(random, 1), expected: phrase(random) }));
  file.evaluators = Array.from({ length: random.int(3) }, (_, index) =>
    random.chance(0.95)
      ? { name: `check ${index}`, string: { [random.pick(['contains', 'equals', 'startsWith', 'endsWith'])]: random.pick(['{{expected}}', 'ok', '{{question}}']) } }
      : { name: `similar ${index}`, uses: 'github/similarity' },
  );
  if (random.chance(0.2)) {
    file.responseFormat = 'json_schema';
    file.jsonSchema = JSON.stringify({ name: 'answer', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } } } }, null, random.chance(0.5) ? 2 : undefined);
  }
  return file;
}

function modelParameters(random: Random): Record<string, unknown> {
  const parameters: Record<string, unknown> = { temperature: random.pick([0, 0.2, 1, 1.5]), maxTokens: random.pick([1, 200]) };
  if (random.chance(0.3)) parameters.seed = 7;
  if (random.chance(0.2)) parameters.topP = 0.9;
  if (random.chance(0.3)) {
    parameters.responseFormat = random.chance(0.5)
      ? random.pick(['text', 'json_object'])
      : { type: 'json_schema', name: 'thing', strict: true, schema: { type: 'object', required: ['name'] } };
  }
  return parameters;
}

function messages(random: Random): Record<string, unknown>[] {
  return Array.from({ length: 1 + random.int(3) }, (_, index) => ({
    role: random.chance(0.97) ? (index === 0 ? random.pick(['system', 'developer', 'user']) : random.pick(['user', 'assistant'])) : 'robot',
    content: content(random),
  }));
}

function content(random: Random): string {
  const parts = Array.from({ length: 1 + random.int(4) }, () =>
    random.chance(0.4) ? `{{${random.chance(0.2) ? ' ' : ''}${random.pick(VAR_PATHS)}}}` : phrase(random),
  );
  const separator = random.pick([' ', '\n', '\n\n', ', ']);
  return parts.join(separator) + (random.chance(0.3) ? '\n' : '');
}

function test(random: Random, index: number): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (random.chance(0.85)) fields.name = random.chance(0.03) ? 'same name' : `case ${index} ${random.pick(WORDS)}`.trim();
  if (random.chance(0.2)) fields.description = phrase(random);
  if (random.chance(0.9)) fields.vars = vars(random, 3);
  if (random.chance(0.8)) fields.assert = assertions(random);
  if (random.chance(0.15)) fields.repeat = random.pick([1, 3]);
  if (random.chance(0.1)) fields.minPassRate = random.pick([0.5, 1, 0]);
  return shuffleKeys(fields, random);
}

/** Mostly the variables the messages use, so that most files are valid. */
function vars(random: Random, depth: number): Record<string, unknown> {
  const result: Record<string, unknown> = {
    question: phrase(random),
    user: { name: random.pick(['Ann', 'Bob', 'Zoë']) },
    company: { name: 'Acme', refundDays: random.pick([30, 14, new RawScalar('0x1E')]) },
    topic: random.chance(0.5) ? phrase(random) : random.pick(RAW_SCALARS.map((raw) => new RawScalar(raw))),
    'a.b': 'flat',
    items: random.chance(0.5) ? [phrase(random), 2, null, true] : [],
  };
  if (random.chance(0.05)) delete result[random.pick(Object.keys(result))];
  if (depth > 1 && random.chance(0.3)) result.nested = { deeper: vars(random, depth - 1), list: [{ a: 1 }, [1, [2, { b: null }]]] };
  if (random.chance(0.2)) result.empty = random.pick([null, '', {}, []]);
  if (random.chance(0.1)) result.codes = { '200': 'ok', '1.5': 'x', '1.0': 'y', true: 'yes', '0x10': 'hex', '-0': 'minus zero', ...(random.chance(0.1) ? { null: 'null key' } : {}) };
  return result;
}

function assertions(random: Random): Record<string, unknown>[] {
  return Array.from({ length: random.int(4) }, () => assertion(random));
}

function assertion(random: Random): Record<string, unknown> {
  const type = random.pick(TYPES);
  const value = assertionValue(type, random);
  if (random.chance(0.6)) return value === undefined ? { [type]: null } : { [type]: value };
  const long: Record<string, unknown> = { type };
  if (value !== undefined) long.value = value;
  if (random.chance(0.2)) long.name = phrase(random);
  if (random.chance(0.05)) long.threshold = 0.5;
  return shuffleKeys(long, random);
}

function assertionValue(type: string, random: Random): unknown {
  switch (type) {
    case 'is-json':
      return undefined;
    case 'json-schema':
      return { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
    case 'regex':
      return random.chance(0.9) ? random.pick(['\\d+', '^ok$', '{{topic}}.*']) : '(unclosed';
    case 'max-length':
    case 'min-length':
    case 'max-words':
    case 'latency':
    case 'max-tokens':
      return random.chance(0.9) ? random.pick([10, 600]) : random.pick(['12', '{{company.refundDays}}']);
    case 'contains-any':
    case 'icontains-all':
      return [phrase(random), '{{user.name}}'];
    default:
      return random.chance(0.3) ? `{{${random.chance(0.9) ? random.pick(VAR_PATHS) : 'missing'}}} days` : phrase(random);
  }
}

function phrase(random: Random): string {
  return Array.from({ length: 1 + random.int(3) }, () => random.pick(WORDS)).join(' ');
}

function shuffleKeys(fields: Record<string, unknown>, random: Random): Record<string, unknown> {
  if (!random.chance(0.3)) return fields;
  const entries = Object.entries(fields);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries);
}

/** One small edit that often breaks the file or moves it into YAML's corners. */
function mutate(text: string, random: Random): string {
  const lines = text.split('\n');
  const at = random.int(lines.length);
  const line = lines[at]!;
  switch (random.int(8)) {
    case 0:
      lines[at] = ' '.repeat(1 + random.int(2)) + line;
      break;
    case 1:
      lines[at] = line.replace(/^ {1,2}/, '');
      break;
    case 2:
      lines[at] = line.replace(/^( *)/, `$1${random.pick(['\t', '&a ', '*a', '!!str ', '? ', '- ', '# '])}`);
      break;
    case 3:
      lines.splice(at, 0, line);
      break;
    case 4: {
      const position = random.int(line.length + 1);
      lines[at] = line.slice(0, position) + random.pick([':', ' #', '"', "'", '[', '}', ',', '\t', ' ', '|', '---', '...', '%']) + line.slice(position);
      break;
    }
    case 5: {
      const position = random.int(line.length);
      lines[at] = line.slice(0, position) + line.slice(position + 1);
      break;
    }
    case 6:
      lines.splice(at, 0, ' '.repeat(random.int(10)) + random.pick(['# comment', '', '   ', '---', '...']));
      break;
    default:
      lines.splice(at, 1);
  }
  return lines.join('\n');
}
