// `-o FILE` (`--output`), repeatable: the report's format is the file's extension. `--junit` and
// `--markdown` still name theirs outright; one path per format, whichever flag gave it.
import { extname } from 'node:path';

export type ReportFormat = 'json' | 'junit' | 'markdown';

const FORMATS: Readonly<Record<string, ReportFormat>> = { '.json': 'json', '.xml': 'junit', '.md': 'markdown' };
const KNOWN = '.json (results), .xml (JUnit) or .md (Markdown)';
const FLAG: Readonly<Record<ReportFormat, string>> = { json: '--output', junit: '--junit', markdown: '--markdown' };
const NAME: Readonly<Record<ReportFormat, string>> = { json: 'JSON', junit: 'JUnit', markdown: 'Markdown' };

export interface ReportPaths extends Partial<Record<ReportFormat, string>> {
  /**
   * Why a path was not taken (an unknown extension, a second path for one format): the run is
   * refused with it once the settings are resolved, so the reports that were taken say why.
   */
  problem?: string;
}

/** The report paths by format: each `-o` by its extension, with `--junit` and `--markdown` as given. */
export function reportsByExtension(outputs: readonly string[], given: { junit?: string | undefined; markdown?: string | undefined }): ReportPaths {
  const reports: ReportPaths = {};
  const from: Partial<Record<ReportFormat, string>> = {};
  const take = (format: ReportFormat, path: string, flag: string) => {
    const earlier = reports[format];
    if (earlier === undefined) {
      reports[format] = path;
      from[format] = flag;
    } else {
      reports.problem ??= `two ${NAME[format]} reports: ${from[format]} ${earlier} and ${flag} ${path}; name one file per format`;
    }
  };
  if (given.junit !== undefined) take('junit', given.junit, FLAG.junit);
  if (given.markdown !== undefined) take('markdown', given.markdown, FLAG.markdown);
  for (const path of outputs) {
    const format = formatOf(path);
    if (typeof format === 'string') take(format, path, '-o');
    else reports.problem ??= format.problem;
  }
  return reports;
}

function formatOf(path: string): ReportFormat | { problem: string } {
  const extension = extname(path).toLowerCase();
  const format = FORMATS[extension];
  if (format) return format;
  if (extension === '.html' || extension === '.htm') return { problem: `-o ${path}: the HTML report is not built yet; -o takes a path ending in ${KNOWN}` };
  const got = extension === '' ? 'has no extension' : `ends in ${extension}`;
  return { problem: `-o ${path} ${got}: -o takes a path ending in ${KNOWN}, and writes that format` };
}
