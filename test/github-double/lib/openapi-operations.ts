// The GitHub REST operations the double knows, as extracted from GitHub's official OpenAPI
// description by scripts/extract-github-openapi.mjs, and the matching of a request to one of them.
import subset from '../../fixtures/github/openapi-subset.json' with { type: 'json' };

export interface OperationParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Record<string, unknown>;
}

export interface ApiOperation {
  method: string;
  /** Path template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  path: string;
  operationId: string;
  successStatus: number;
  parameters: OperationParameter[];
  requestBody: { required: boolean; schema: Record<string, unknown> } | null;
}

export interface MatchedOperation {
  operation: ApiOperation;
  pathParams: Record<string, string>;
}

export const openApiSource: string = subset.source;
export const apiOperations: ApiOperation[] = subset.operations as unknown as ApiOperation[];

// GitHub lets these parameters span several path segments (`contents/docs/a.md`, `commits/feature/x`).
const MULTI_SEGMENT_PARAMETERS = new Set(['path', 'ref']);

interface CompiledTemplate {
  operation: ApiOperation;
  pattern: RegExp;
  names: string[];
}

function compileTemplate(operation: ApiOperation): CompiledTemplate {
  const names: string[] = [];
  const source = operation.path
    .split(/(\{[^}]+\})/)
    .map((piece) => {
      const parameter = /^\{([^}]+)\}$/.exec(piece)?.[1];
      if (parameter === undefined) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(parameter);
      return MULTI_SEGMENT_PARAMETERS.has(parameter) ? '(.+)' : '([^/]+)';
    })
    .join('');
  return { operation, pattern: new RegExp(`^${source}/?$`), names };
}

const templates = apiOperations.map(compileTemplate);

function decodeSegments(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The operation a request is for; undefined answers 404, as GitHub does for unknown routes and methods. */
export function matchOperation(method: string, pathname: string): MatchedOperation | undefined {
  for (const template of templates) {
    if (template.operation.method !== method.toUpperCase()) continue;
    const match = template.pattern.exec(pathname);
    if (!match) continue;
    const pathParams: Record<string, string> = {};
    template.names.forEach((name, index) => {
      pathParams[name] = decodeSegments(match[index + 1] ?? '');
    });
    return { operation: template.operation, pathParams };
  }
  return undefined;
}
