// Runs the GitHub double in a process of its own, to try the Action by hand against it.
//
//   npx esbuild test/support/github-server-main.ts --bundle --platform=node --format=esm --outfile=.tools/github-server.mjs
//   node .tools/github-server.mjs [--setup setup.json] [--record out.json]
//
// Without --setup it serves the prompt pull request fixture (acme/storefront#42). Prints
// `listening http://127.0.0.1:PORT` once ready; point GITHUB_API_URL there. On SIGTERM/SIGINT it
// writes what the client did (requests, reviews, comments, schema violations) as JSON to the
// --record file, or to stdout.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { promptPullRequestSetup } from '../fixtures/github/prompt-pull-request.js';
import { startGitHubServer, type GitHubDoubleSetup } from './github-server.js';

const { values } = parseArgs({
  options: {
    setup: { type: 'string' },
    record: { type: 'string' },
  },
});

function loadSetup(path: string | undefined): GitHubDoubleSetup {
  if (path === undefined) return promptPullRequestSetup();
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as GitHubDoubleSetup;
  } catch (error) {
    process.stderr.write(`github-server: cannot read the setup file ${path}: ${(error as Error).message}\n`);
    process.exit(2);
  }
}

const server = await startGitHubServer(loadSetup(values.setup)).catch((error: unknown) => {
  process.stderr.write(`github-server: ${(error as Error).message}\n`);
  process.exit(2);
});
process.stdout.write(`listening ${server.url}\n`);

async function stop(): Promise<void> {
  const record = JSON.stringify(
    {
      requests: server.requests.map(({ headers: _headers, ...request }) => request),
      reviews: server.reviews,
      reviewComments: server.reviewComments,
      issueComments: server.issueComments,
      reactions: server.reactions,
      schemaViolations: server.schemaViolations,
      undocumentedFields: server.undocumentedFields,
    },
    null,
    2,
  );
  if (values.record) writeFileSync(values.record, `${record}\n`);
  else process.stdout.write(`${record}\n`);
  await server.close();
  process.exit(0);
}

process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
