// The importer's entry: find what the source is, convert it, and check every file it would write
// with promptgate's own loader. Input that is none of the formats, or broken, is refused as a value.
import { basename, join } from 'node:path';
import type { DraftSuite } from './draft.js';
import { importEvalsRegistry, looksLikeEvalsRegistry } from './evals-registry.js';
import { importOpenAiEvals, looksLikeOpenAiEvals } from './openai-evals.js';
import { importPromptfoo, looksLikePromptfoo } from './promptfoo.js';
import type { ImportContext } from './references.js';
import { lfsPointer } from './lfs.js';
import { SourceYaml } from './source-yaml.js';
import { checkWritten, suiteYaml } from './write-suite.js';
import { ImportLog, Refusal, type ImportOutcome, type ImportedFile, type SourceFiles } from './types.js';

const PROMPTFOO_CONFIGS = ['promptfooconfig.yaml', 'promptfooconfig.yml', 'promptfooconfig.json'];

export interface ImportOptions {
  /** OpenAI Evals run objects saved beside the eval (absolute paths). */
  runs?: string[];
  /** Local JSONL for OpenAI Evals datasets referenced by `file_id`: id → absolute path. */
  data?: Record<string, string>;
}

export async function importSource(source: string, files: SourceFiles, root: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const context: ImportContext = { files: guarded(files), log: new ImportLog(), root };
  try {
    const { format, drafts } = await convert(context, source, options);
    const written: ImportedFile[] = [];
    for (const draft of drafts) {
      const text = suiteYaml(draft);
      const errors = checkWritten(draft.fileName, text).filter((problem) => problem.severity === 'error');
      if (errors.length > 0) {
        const first = errors[0]!;
        context.log.dropped({ file: source }, `file ${draft.fileName}`, `promptgate would refuse it (${first.message}, at its line ${first.line})`);
        continue;
      }
      written.push({ path: draft.fileName, text, tests: Math.max(draft.tests.length, 1) });
    }
    return { ok: true, format, files: written, notes: context.log.notes };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, refusal: { file: error.file, ...(error.line === undefined ? {} : { line: error.line }), message: error.message } };
    throw error;
  }
}

async function convert(context: ImportContext, source: string, options: ImportOptions): Promise<{ format: string; drafts: DraftSuite[] }> {
  let file = source;
  if (await context.files.isDirectory(source)) {
    const found = [];
    for (const name of PROMPTFOO_CONFIGS) if ((await context.files.read(join(source, name))) !== undefined) found.push(join(source, name));
    if (found.length === 0) {
      throw new Refusal(source, undefined, `no ${PROMPTFOO_CONFIGS.join(', ')} here: name the file to import`);
    }
    file = found[0]!;
  }
  const text = await context.files.read(file);
  if (text === undefined) throw new Refusal(file, undefined, 'no such file, or it cannot be read');
  const yaml = new SourceYaml(file, text);
  if (looksLikeOpenAiEvals(yaml.data)) {
    const runs = [];
    for (const path of options.runs ?? []) {
      const runText = await context.files.read(path);
      if (runText === undefined) throw new Refusal(path, undefined, '--run: no such file, or it cannot be read');
      runs.push(new SourceYaml(path, runText));
    }
    return { format: 'OpenAI Evals', drafts: await importOpenAiEvals(context, [yaml, ...runs], { data: options.data ?? {} }) };
  }
  if ((options.runs ?? []).length > 0 || Object.keys(options.data ?? {}).length > 0) {
    throw new Refusal(file, 1, '--run and --data are for OpenAI Evals definitions (an object: eval file); this is not one');
  }
  if (looksLikePromptfoo(yaml.data)) return { format: 'promptfoo', drafts: await importPromptfoo(context, yaml) };
  if (looksLikeEvalsRegistry(yaml.data)) return { format: 'openai/evals registry', drafts: await importEvalsRegistry(context, yaml) };
  throw new Refusal(
    file,
    1,
    `${basename(file)} is none of the formats promptgate imports: a promptfoo config has prompts, providers or tests; an openai/evals registry file has eval specs with \`class\` and \`args\`; an OpenAI Evals definition has \`object: eval\` or \`eval.run\``,
  );
}

/** Every file read is checked for a Git LFS pointer, which holds no data. */
function guarded(files: SourceFiles): SourceFiles {
  return {
    isDirectory: (path) => files.isDirectory(path),
    async read(path) {
      const text = await files.read(path);
      if (text !== undefined && lfsPointer(text)) {
        throw new Refusal(path, 1, 'a Git LFS pointer, not the data: run `git lfs pull` (or download the file) and import again');
      }
      return text;
    },
  };
}
