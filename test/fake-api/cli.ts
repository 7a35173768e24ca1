// `node out/test/fake-api/cli.js [--port N] [--cases N] [--random-shapes]`: starts the fake API, prints one JSON line with its
// addresses and demo credentials, and stops cleanly on SIGINT/SIGTERM.

import { startFakeApi, type FakeApiOptions } from './server';

function parseArgs(argv: readonly string[]): FakeApiOptions {
  const options: FakeApiOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const number = Number(value);
    if ((flag === '--port' || flag === '--cases') && (value === undefined || !Number.isInteger(number) || number < 0)) {
      throw new Error(`${flag} needs a non-negative integer.`);
    }
    if (flag === '--port') {
      options.port = number;
      i++;
    } else if (flag === '--cases') {
      options.caseCount = number;
      i++;
    } else if (flag === '--random-shapes') {
      // Answers without totalCount and open cases without closedDate, at random (seeded), as the reference allows.
      options.listShape = { totalCount: 'random', closedDate: 'random' };
    } else {
      throw new Error(`Unknown argument '${flag}'. Usage: cli.js [--port N] [--cases N] [--random-shapes]`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const api = await startFakeApi(parseArgs(process.argv.slice(2)));
  const { origin, tokenUrl, apiBaseUrl, clientId, clientSecret } = api;
  process.stdout.write(JSON.stringify({ origin, tokenUrl, apiBaseUrl, clientId, clientSecret }) + '\n');
  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    api.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fake-api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
