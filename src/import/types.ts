// What an import produces: prompt-file texts to write, and an account of every part of the source
// (converted, approximated and how, dropped and why), each at its file and line where known.

/** Where in the source something came from. */
export interface SourcePlace {
  file: string;
  line?: number;
}

export type NoteKind = 'converted' | 'approximated' | 'dropped';

export interface ImportNote extends SourcePlace {
  kind: NoteKind;
  /** The part of the source: `assertion javascript`, `provider anthropic:messages:claude`, `prompt 2`. */
  what: string;
  /** How it was approximated, or why it was dropped; for converted parts, what it became. */
  detail?: string;
}

export interface ImportedFile {
  /** Relative to the output directory. */
  path: string;
  text: string;
  tests: number;
}

export type ImportOutcome =
  | { ok: true; format: string; files: ImportedFile[]; notes: ImportNote[] }
  /** The input is not what it claims to be: nothing may be written. */
  | { ok: false; refusal: SourcePlace & { message: string } };

/**
 * The importer's only window on the disk, so the conversion stays pure and testable with a map.
 * Paths are absolute.
 */
export interface SourceFiles {
  /** The file's text; undefined when there is no such file or it cannot be read. */
  read(path: string): Promise<string | undefined>;
  isDirectory(path: string): Promise<boolean>;
}

/** Thrown inside the importer for input that is not what it claims; importSource turns it into a value. */
export class Refusal extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Collects the account of an import as it goes. */
export class ImportLog {
  readonly notes: ImportNote[] = [];
  converted(place: SourcePlace, what: string, detail?: string): void {
    this.notes.push({ kind: 'converted', ...place, what, ...(detail === undefined ? {} : { detail }) });
  }
  approximated(place: SourcePlace, what: string, how: string): void {
    this.notes.push({ kind: 'approximated', ...place, what, detail: how });
  }
  dropped(place: SourcePlace, what: string, why: string): void {
    this.notes.push({ kind: 'dropped', ...place, what, detail: why });
  }
}
