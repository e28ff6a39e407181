// A source YAML (or JSON) file parsed with positions, so every note and refusal can name its line.
import { isNode, LineCounter, parseDocument } from 'yaml';
import { Refusal } from './types.js';

export class SourceYaml {
  readonly data: unknown;
  private readonly lines = new LineCounter();
  private readonly doc;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false, prettyErrors: false });
    const error = this.doc.errors[0];
    if (error) {
      const line = this.lines.linePos(error.pos[0]).line;
      throw new Refusal(file, line, `not valid YAML: ${error.message.split('\n')[0]}`);
    }
    this.data = this.doc.toJS({ maxAliasCount: 100 });
  }

  /** The line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: (string | number)[]): number | undefined {
    for (let length = path.length; length >= 0; length -= 1) {
      const node = this.doc.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }
}
