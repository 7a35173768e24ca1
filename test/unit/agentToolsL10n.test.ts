// The agent tools in the display language (French here, as the extension hands VS Code's bundle to the catalogue's
// bundles): what a person reads (progress lines, confirmation titles and labels, the titles the MCP modal shows) is
// translated; what the model reads (the JSON, its error codes and notice, the line before it) stays English.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { DATA_NOTICE } from '../../src/tools/output';
import { TOOL_NAMES } from '../../src/tools/specs';
import { localTitle } from '../../src/tools/titles';
import type { AgentTool, ToolCatalogue } from '../../src/tools/types';
import { useTranslations } from '../../src/util/translations';
import { useFakeApi } from './support/fixture';
import { writeHost, type TestHost } from './support/toolHost';

const CASE = '07800002';
const CONTACT = 'dana@example.com';
const FRENCH = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
const NB = '\u00a0';

describe('agent tools l10n: people read the display language, the model reads English', function () {
  const f = useFakeApi();
  let host: TestHost;
  let catalogue: ToolCatalogue;
  const tool = (name: string): AgentTool => catalogue.get(name)!;

  beforeEach(() => {
    ({ host, catalogue } = writeHost(f.fake, CASE, CONTACT));
    useTranslations(FRENCH);
  });
  afterEach(() => {
    l10n.config({ contents: {} });
    host.dispose();
  });

  it('add note: the progress line, the title and every label of the confirmation are French; the values are as given', async () => {
    const input = { caseNumber: CASE, subject: 'Trace attached', description: 'Here is the trace.' };
    const prep = await tool(TOOL_NAMES.addNote).describeWrite(input);
    assert.strictEqual(prep.kind, 'write');
    assert.strictEqual(prep.invocationMessage, `Ajout d’une note à la demande de support Axway ${CASE}`);
    assert.ok(prep.kind === 'write');
    assert.strictEqual(prep.confirmation.title, `Ajouter une note à la demande ${CASE}\u202f?`);
    assert.strictEqual(
      prep.confirmation.message,
      [
        `Demande${NB}: ${CASE}`,
        `Compte${NB}: Globex`,
        `E-mail de contact${NB}: ${CONTACT}`,
        `Objet${NB}: Trace attached`,
        `Texte${NB}:`,
        'Here is the trace.',
        `Fichiers${NB}: aucun`,
        'Ceci est envoyé à Axway Support tel qu’affiché. Les notes ne peuvent plus être modifiées ni supprimées ensuite.'
      ].join('\n')
    );
  });

  it('close case and reads: French progress lines and confirmation; the titles the MCP modal shows are French', async () => {
    const close = await tool(TOOL_NAMES.closeCase).describeWrite({ caseNumber: CASE, subject: 'Please close', description: 'Solved.' });
    assert.ok(close.kind === 'write');
    assert.strictEqual(close.confirmation.title, `Fermer la demande ${CASE}\u202f?`);
    assert.match(close.confirmation.message, /^Axway Support ferme la demande avec cette note\./m);
    assert.strictEqual((await tool(TOOL_NAMES.searchCases).describeWrite({})).invocationMessage, 'Recherche dans vos demandes de support Axway');
    assert.strictEqual((await tool(TOOL_NAMES.getCase).describeWrite({ caseNumber: CASE })).invocationMessage, `Lecture de la demande de support Axway ${CASE}`);
    assert.strictEqual(localTitle(TOOL_NAMES.createCase, 'English'), 'Créer une demande de support Axway');
    // The spec's own title (package.json, MCP tools/list, the model) stays English.
    assert.strictEqual(tool(TOOL_NAMES.createCase).title, 'Create an Axway Support Case');
  });

  it('the output for the model stays English: summary, notice, error code and message', async () => {
    const refused = await tool(TOOL_NAMES.addNote).describeWrite({ caseNumber: CASE, subject: 'x', description: 'y', files: ['missing.log'] });
    assert.ok(refused.kind === 'refused');
    assert.strictEqual(refused.output.json.notice, DATA_NOTICE);
    assert.strictEqual(refused.output.json.error?.code, 'file');
    assert.match(refused.output.json.error?.message ?? '', /was not found in the workspace folders/);
    assert.match(refused.output.summary, /^[\x20-\x7e]+$/, `an English summary: ${refused.output.summary}`);
    const read = await tool(TOOL_NAMES.getCase).invoke({ caseNumber: CASE });
    assert.strictEqual(read.json.ok, true, read.text);
    assert.ok(read.text.startsWith(`${read.summary}\n\n{`));
    assert.doesNotMatch(read.summary, /demande/i);
  });
});
