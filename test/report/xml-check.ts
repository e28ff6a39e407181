// A strict little XML 1.0 reader for the JUnit tests (no XML parser is installed): it rejects
// anything not well-formed that matters here, and returns the tree with references decoded.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const XML_CHAR = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/y;
const NAME = '[A-Za-z_][\\w.-]*';
const TOKEN = new RegExp(`<\\?xml[^?]*\\?>|<(/?)(${NAME})((?:\\s+${NAME}="[^"<]*")*)\\s*(/?)>|<|[^<]+`, 'gy');

export function parseXml(xml: string): XmlElement {
  if (!XML_CHAR.test(xml)) throw new Error('contains a character XML 1.0 does not allow');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  for (const match of xml.matchAll(TOKEN)) {
    const [token, closing, name, attributeText, selfClosing] = match;
    const top = stack[stack.length - 1]!;
    if (token.startsWith('<?xml')) continue;
    if (token === '<') throw new Error(`a raw "<" at ${match.index}`);
    if (name === undefined) {
      top.text += decode(token);
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const element: XmlElement = { name, attributes: attributes(attributeText ?? ''), children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root.children.length !== 1) throw new Error('a document has exactly one root element');
  return root.children[0]!;
}

function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(new RegExp(`(${NAME})="([^"]*)"`, 'g'))) result[name!] = decode(value!);
  return result;
}

function decode(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; ) {
    if (text[index] !== '&') {
      out += text[index++];
      continue;
    }
    REFERENCE.lastIndex = index;
    const match = REFERENCE.exec(text);
    if (!match) throw new Error(`a bare "&" in ${JSON.stringify(text.slice(index, index + 20))}`);
    const ref = match[0].slice(1, -1);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    out += named[ref] ?? String.fromCodePoint(ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    index += match[0].length;
  }
  return out;
}

export function findAll(element: XmlElement, name: string): XmlElement[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => findAll(child, name))];
}
