// Prints a real transcript of the agent tools (README "Use with AI agents"): the demo's fake Support API with its
// sample data, the tool catalogue over real HTTP, and an agent's calls to search, read and answer a case.
// Usage: npm run build:test && node scripts/agent-transcript.mjs > transcript.md
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const load = createRequire(import.meta.url);
const out = (p) => load(join(root, 'out', p));
const { startFakeApi } = out('test/fake-api/server.js');
const { TokenClient } = out('src/api/tokenClient.js');
const { SupportApi } = out('src/api/supportApi.js');
const { CaseWrites } = out('src/cases/caseWrites.js');
const { FileWriteLedger } = out('src/cases/writeLedger.js');
const { createToolCatalogue } = out('src/tools/catalogue.js');

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const fake = await startFakeApi();
const tokens = new TokenClient({ tokenUrl: fake.tokenUrl, logger: silent, credentials: async () => ({ clientId: fake.clientId, clientSecret: fake.clientSecret }) });
const api = new SupportApi({ baseUrl: fake.apiBaseUrl, tokens, logger: silent });
const ledgerDir = mkdtempSync(join(tmpdir(), 'axway-transcript-'));
// The person's workspace: one file the agent attaches.
const workspace = mkdtempSync(join(tmpdir(), 'gateway-project-'));
writeFileSync(join(workspace, 'heap-histogram.txt'), histogram());
const ledger = new FileWriteLedger(ledgerDir);
const writes = new CaseWrites({ api: async () => api, ledger, cleared: async () => undefined, logger: silent });
const account = { id: 'demo', label: 'Globex (demo)' };
const catalogue = createToolCatalogue({
  accounts: async () => [account],
  api: async () => api,
  writes,
  contactEmail: () => 'dana.whitfield@globex.example',
  workspaceFolders: () => [workspace],
  portalUrl: (n) => `https://support.axway.com/en/case-global/view/id/${encodeURIComponent(n)}`,
  logger: silent
});

const fence = (text, lang = '') => `\`\`\`\`${lang}\n${text}\n\`\`\`\``;
const call = async (name, input, { confirm = false, maxLines } = {}) => {
  const tool = catalogue.get(name);
  console.log(`**Agent calls** \`${name}\`\n\n${fence(JSON.stringify(input, null, 2), 'json')}\n`);
  if (confirm) {
    const prep = await tool.describeWrite(input);
    if (prep.kind === 'write') {
      console.log(`**VS Code asks the person** (${prep.confirmation.title}):\n\n${fence(prep.confirmation.message, 'text')}\n\n*The person confirms.*\n`);
    }
  }
  const output = await tool.invoke(input);
  const lines = output.text.split('\n');
  const shown = maxLines && lines.length > maxLines ? [...lines.slice(0, maxLines), `… (${lines.length - maxLines} more lines)`] : lines;
  console.log(`**Tool result**\n\n${fence(shown.join('\n'))}\n`);
  return output.json;
};

try {
  console.log('*Person: "Is support waiting for me on the gateway memory case? Answer them and attach heap-histogram.txt."*\n');
  const found = await call('axway_support_search_cases', { text: 'gateway', statuses: ['Customer Owns Next Steps'] });
  const number = found.data.cases[0]?.number;
  await call('axway_support_get_case', { caseNumber: number }, { maxLines: 70 });
  await call('axway_support_add_note', {
    caseNumber: number,
    subject: 'Heap histogram after 24 hours',
    description: 'As requested, the heap histogram of the instance after 24 hours of traffic is attached. The largest consumer is the response cache of the external listener.',
    files: ['heap-histogram.txt']
  }, { confirm: true });
} finally {
  writes.dispose();
  ledger.dispose();
  rmSync(ledgerDir, { recursive: true, force: true });
  rmSync(workspace, { recursive: true, force: true });
  await fake.close();
}

function histogram() {
  return [' num     #instances         #bytes  class name', '   1:       4120331      395551776  [B', '   2:        812210       64976800  com.vordel.circuit.cache.CacheEntry', '   3:       4119873       98876952  java.lang.String', ''].join('\n');
}
