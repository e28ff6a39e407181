// `{{name}}` placeholders with dotted paths. Deliberately not a template language: no logic, no
// escaping rules to learn, and anything that is not a well-formed placeholder is plain text.

export interface Placeholder {
  /** The variable path as written, e.g. `user.address.city`. */
  path: string;
  /** Offset of the opening `{{` in the template. */
  index: number;
  /** Length of the whole placeholder, braces and spaces included. */
  length: number;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_$][\w$-]*(?:\.[\w$-]+)*)\s*\}\}/g;

export function findPlaceholders(template: string): Placeholder[] {
  // Most texts hold none, and the test is far cheaper than a regex scan.
  if (!template.includes('{{')) return [];
  return [...template.matchAll(PLACEHOLDER)].map((match) => ({
    path: match[1]!,
    index: match.index,
    length: match[0].length,
  }));
}

export type Lookup = { found: true; value: unknown } | { found: false };

/** A key spelled with dots wins over the nested path, so `{"a.b": 1}` still fills `{{a.b}}`. */
export function lookupVar(vars: Record<string, unknown>, path: string): Lookup {
  if (Object.hasOwn(vars, path)) return { found: true, value: vars[path] };
  let current: unknown = vars;
  for (const segment of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) return { found: false };
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}

export function formatVarValue(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** Placeholders without a value stay as written; validation reports them before any run. */
export function renderTemplate(template: string, vars: Record<string, unknown>): string {
  if (!template.includes('{{')) return template;
  return template.replace(PLACEHOLDER, (whole, path: string) => {
    const lookup = lookupVar(vars, path);
    return lookup.found ? formatVarValue(lookup.value) : whole;
  });
}

/**
 * How long renderTemplate's result would be, without building it: the check that keeps a small
 * file from expanding into gigabytes must not do the expanding.
 */
export function renderedLength(template: string, placeholders: readonly Placeholder[], vars: Record<string, unknown>): number {
  let length = template.length;
  // A value is measured once however often it is used: `{{a}}` 2,000 times over a large list
  // would otherwise be turned into text 2,000 times.
  const measured = new Map<string, number>();
  for (let i = 0; i < placeholders.length; i++) {
    const placeholder = placeholders[i]!;
    let valueLength = measured.get(placeholder.path);
    if (valueLength === undefined) {
      const lookup = lookupVar(vars, placeholder.path);
      valueLength = lookup.found ? formatVarValue(lookup.value).length : UNFILLED;
      measured.set(placeholder.path, valueLength);
    }
    // An unfilled placeholder stays as written: it adds nothing.
    if (valueLength !== UNFILLED) length += valueLength - placeholder.length;
  }
  return length;
}

const UNFILLED = -1;

/** Renders every string inside a value (arrays and objects too); other values are returned as they are. */
export function renderValue(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') return renderTemplate(value, vars);
  if (Array.isArray(value)) return value.map((item) => renderValue(item, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderValue(item, vars)]));
  }
  return value;
}
