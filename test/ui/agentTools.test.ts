// The agent tools as a person finds them in the demo (issues 18 and 19): a code-server started with `npm start`'s own
// settings (harness option `demo`: AI features on, the walkthrough on first install), where Chat's Configure Tools…
// picker lists the extension's six language-model tools by their # names and, once VS Code started it, the MCP server
// "Axway Support Cases" with the same six tools. No chat model or Copilot is needed for either. The picker is the
// walkthrough's "Use Your Cases with Agents" picture and the README's; it is taken only after the test has read our
// tool names in it, so the picture cannot silently show something else.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { FakeApiRemote } from '../fake-api/client';
import {
  REPO_ROOT, WALKTHROUGH_PICTURE_SCALE, publish, publishWalkthrough, regionAround, runCommand, screenshot, screenshotRegion, signInUnlessSignedIn, treeRows,
  useWorkbench, waitUntil
} from './harness';

const WALKTHROUGH_TITLE = 'Get Started with Axway Support Cases';
const AGENTS_STEP = 'Use Your Cases with Agents';
/** The extension's display name (the picker's group of its tools) and the MCP server definition's label. */
const EXTENSION_NAME = 'Axway Support Cases';
const MCP_SERVER_LABEL = 'Axway Support Cases';

interface ToolContribution {
  readonly name: string;
  readonly toolReferenceName: string;
}

/** The tools the manifest contributes: the picker must show each, by # name, and the MCP server each, by name. */
function contributedTools(): readonly ToolContribution[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { languageModelTools: ToolContribution[] };
  };
  return manifest.contributes.languageModelTools;
}

/** One row of the Configure Tools picker (a tree in a quick input). */
interface PickerRow {
  readonly level: number;
  /** The tool's name, or the group's label. */
  readonly name: string;
  /** The row's codicon: codicon-extensions marks an extension's group, codicon-mcp an MCP server's. */
  readonly icon: string;
  readonly expanded: boolean | undefined;
}

interface PickerGroup {
  readonly label: string;
  readonly icon: string;
  readonly expanded: boolean | undefined;
  readonly tools: string[];
}

/** Minimal element shape for evaluateAll callbacks (the test build has no DOM lib). */
interface RowElement {
  readonly style: { readonly top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): { className: string } | null;
}

function pickerWidget(page: Page): Locator {
  return page.locator('.quick-input-widget', { hasText: 'Configure Tools' });
}

/** The picker's rendered rows, top to bottom, grouped under their level-1 rows. */
async function pickerGroups(page: Page): Promise<PickerGroup[]> {
  const rows: PickerRow[] = (await pickerWidget(page).locator('.monaco-list-row').evaluateAll((elements: RowElement[]) => elements.map((el) => ({
    level: Number(el.getAttribute('aria-level')),
    // "axwayCases, Search your Axway Support cases…": the name, then the description.
    name: (el.getAttribute('aria-label') ?? '').split(',')[0].trim(),
    icon: /codicon-[a-z-]+/.exec(el.querySelector('.quick-input-tree-icon')?.className ?? '')?.[0] ?? '',
    expanded: el.getAttribute('aria-expanded') === null ? undefined : el.getAttribute('aria-expanded') === 'true',
    top: parseFloat(el.style.top)
  })))).sort((a, b) => a.top - b.top);
  const groups: PickerGroup[] = [];
  for (const row of rows) {
    if (row.level === 1) {
      groups.push({ label: row.name, icon: row.icon, expanded: row.expanded, tools: [] });
    } else if (row.level === 2 && groups.length > 0) {
      groups[groups.length - 1].tools.push(row.name);
    }
  }
  return groups;
}

function findGroup(groups: readonly PickerGroup[], label: string, icon: string): PickerGroup | undefined {
  return groups.find((g) => g.label === label && g.icon === icon);
}

function describeGroups(groups: readonly PickerGroup[]): string {
  return groups.map((g) => `${g.label} (${g.icon}, ${g.expanded === false ? 'collapsed' : 'expanded'}): ${g.tools.join(', ') || '-'}`).join('\n  ') || '(no rows)';
}

/** Chat's Configure Tools… button (Chat opens in the secondary side bar). */
async function openToolPicker(page: Page): Promise<void> {
  await page.locator('.part.auxiliarybar a[aria-label="Configure Tools..."]').click();
  await pickerWidget(page).waitFor({ state: 'visible' });
}

/**
 * VS Code may show a group collapsed (an extension's at first, a server's once it has tools): open ours, as a person
 * would to see the tools. A group's rows appear under it once opened.
 */
async function expandOurGroups(page: Page): Promise<void> {
  for (const [icon, label] of [['codicon-extensions', EXTENSION_NAME], ['codicon-mcp', MCP_SERVER_LABEL]] as const) {
    const group = pickerWidget(page).locator('.monaco-list-row[aria-level="1"]', { has: page.locator(`.quick-input-tree-icon.${icon}`), hasText: label });
    if (await group.count() === 1 && await group.getAttribute('aria-expanded') === 'false') {
      await group.locator('.monaco-tl-twistie').click();
      await waitUntil(async () => (await group.getAttribute('aria-expanded')) === 'true', () => `the ${icon} group to open`, 5_000);
    }
  }
}

async function closeToolPicker(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await pickerWidget(page).waitFor({ state: 'hidden' });
}

describe('UI: the demo\'s agent tools (npm start\'s settings): Chat\'s tool picker and the MCP server', function () {
  const workbench = useWorkbench({ demo: true, deviceScaleFactor: WALKTHROUGH_PICTURE_SCALE });
  let remote: FakeApiRemote;

  before(() => {
    remote = new FakeApiRemote(workbench().fakeApi.origin);
  });

  it('the demo opens the walkthrough, whose agents step shows its picture', async () => {
    const { page } = workbench();
    const walkthrough = page.locator('.part.editor .gettingStartedContainer', { hasText: WALKTHROUGH_TITLE });
    await walkthrough.waitFor({ state: 'visible', timeout: 60_000 });
    await walkthrough.locator('.getting-started-step', { hasText: AGENTS_STEP }).first().click();
    const pictures = walkthrough.locator('img');
    const srcs = async (): Promise<string> => (await pictures.evaluateAll((imgs: { outerHTML: string }[]) => imgs.map((i) => i.outerHTML))).join('\n  ');
    // VS Code draws walkthrough pictures at 1.5 device pixels per CSS pixel (srcset "… 1.5x").
    const picture = walkthrough.locator('img[srcset*="agents.png"]');
    await waitUntil(async () => picture.isVisible(), async () => `the agents step's picture; the walkthrough shows:\n  ${await srcs()}`);
    await waitUntil(async () => picture.evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0),
      () => 'the agents step\'s picture to load');
    await screenshot(page, 'agent-tools-01-walkthrough-step');
  });

  it('signed in, Chat\'s Configure Tools… lists the six tools by # name and the running MCP server with the same six', async () => {
    const { page } = workbench();
    const tools = contributedTools();
    assert.ok(tools.length > 0, 'the manifest contributes tools');
    const referenceNames = tools.map((t) => t.toolReferenceName).sort();
    const toolNames = tools.map((t) => t.name).sort();

    // The language-model tools are there only while signed in (their `when`).
    await signInUnlessSignedIn(page, remote);
    await treeRows(page).first().waitFor({ state: 'visible', timeout: 30_000 });

    // VS Code starts an extension's MCP server on demand; a person starts it from MCP: List Servers.
    await runCommand(page, 'MCP: List Servers');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: MCP_SERVER_LABEL }).first().click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Start Server' }).first().click();

    await runCommand(page, 'Chat: Open Chat');
    // The picker reads the server's tools when it opens: reopen it until the started server has listed them.
    let groups: PickerGroup[] = [];
    await waitUntil(async () => {
      await openToolPicker(page);
      await expandOurGroups(page);
      groups = await pickerGroups(page);
      // A server that has not listed its tools yet shows an "Update Tools" row instead.
      const listed = findGroup(groups, MCP_SERVER_LABEL, 'codicon-mcp')?.tools ?? [];
      if (toolNames.every((name) => listed.includes(name))) {
        return true;
      }
      await closeToolPicker(page);
      return false;
    }, () => `the MCP server's tools in the picker; it shows:\n  ${describeGroups(groups)}`, 60_000, 500);

    // Only our tools: the filter. The active row goes to the first (built-in) row first, which the filter hides, so no
    // row of ours is drawn selected over its text. The picker may redraw itself (and empty its filter) while the new
    // server's state settles: type again until the filter holds.
    const filter = pickerWidget(page).locator('.quick-input-filter input.input');
    groups = await waitUntil(async () => {
      await filter.click();
      await filter.fill('');
      // Ctrl+Home makes the first row active and moves the focus into the list; the click brings it back.
      await page.keyboard.press('Control+Home');
      await filter.click();
      await page.keyboard.type('axway');
      const now = await pickerGroups(page);
      const focused = await pickerWidget(page).locator('.monaco-list-row.focused').count();
      return now.length === 2 && now.every((g) => g.tools.length > 0) && focused === 0 ? now : undefined;
    }, async () => `only our two groups, open, no row selected; the filter holds "${await filter.inputValue()}"; the picker shows:\n  ${describeGroups(await pickerGroups(page))}`, 20_000, 500);

    const inChat = findGroup(groups, EXTENSION_NAME, 'codicon-extensions');
    assert.ok(inChat, `the extension's group of tools: ${describeGroups(groups)}`);
    assert.deepStrictEqual([...inChat.tools].sort(), referenceNames, 'the six tools by their # names');
    const overMcp = findGroup(groups, MCP_SERVER_LABEL, 'codicon-mcp');
    assert.ok(overMcp, `the MCP server's group: ${describeGroups(groups)}`);
    assert.deepStrictEqual([...overMcp.tools].sort(), toolNames, 'the MCP server lists the same tools');

    const picture = await screenshotRegion(page, 'agent-tools-02-tool-picker', await regionAround(page, [pickerWidget(page)], 0));
    await publishWalkthrough(picture, 'agents.png');
    publish(picture, 'agent-tools.png');
    await closeToolPicker(page);
  });
});
