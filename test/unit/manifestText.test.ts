// The manifest's words (issue 19): command titles read alike (Title Case as VS Code's own commands, a trailing "…" on
// exactly the commands that ask for more input), every user-visible string of package.json is a %key% of
// package.nls.json, and the French and German files translate exactly those keys, keeping command links, setting
// ids, code spans and placeholders intact. Also the walkthrough: pictures that exist and completion events that
// name real commands, context keys and settings.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from './support/figures';
import { englishStrings, manifest, rawManifest } from './support/manifest';

/** The one title kept exactly as the design card wrote it (the welcome view's button says the same). */
const DESIGN_CARD_TITLES: Readonly<Record<string, string>> = { 'axwaySupport.signIn': 'Sign in with service account' };

/**
 * The commands that need more input before they act when run from the palette (a case number, a pick, a form, a
 * dialog): their titles end with "…", and no other title does.
 */
const ASKS_FOR_INPUT: ReadonlySet<string> = new Set([
  'axwaySupport.addAccount', // the sign-in questions
  'axwaySupport.openCase', // a case number
  'axwaySupport.filter', // the filter pick
  'axwaySupport.sortBy',
  'axwaySupport.groupBy',
  'axwaySupport.closeCase', // subject, description, confirmation
  'axwaySupport.downloadAttachment', // the save dialog
  'axwaySupport.addNote', // the case, then the note form
  'axwaySupport.attachToCase', // the case
  'axwaySupport.setContactEmail', // the address
  'axwaySupport.createCase', // the New Support Case form
  'axwaySupport.renameAccount' // the name
]);

/** Short words that Title Case leaves lower-case inside a title ("Open in Support Portal", "Mark All as Seen"). */
const MINOR_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'and', 'or', 'to', 'in', 'on', 'of', 'for', 'with', 'as', 'at', 'by']);

/** Words of `title` that break Title Case. */
function titleCaseBreaks(title: string): string[] {
  const words = title.replace(/…$/, '').split(' ');
  return words.filter((word, i) => {
    const inner = i > 0 && i < words.length - 1;
    if (inner && MINOR_WORDS.has(word.toLowerCase())) {
      return word !== word.toLowerCase();
    }
    return !/^[A-Z0-9]/.test(word);
  });
}

function readJson(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Record<string, string>;
}

/** Every whole-string `%key%` of the raw manifest. */
function manifestKeys(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const key = /^%(.+)%$/.exec(value)?.[1];
    if (key !== undefined) {
      found.add(key);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item) => manifestKeys(item, found));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => manifestKeys(item, found));
  }
  return found;
}

interface RawContributes {
  readonly [section: string]: unknown;
}

/** The user-visible strings of the raw manifest, by where they are (each must be a %key%). */
function userVisibleStrings(): [string, unknown][] {
  const raw = rawManifest as { displayName: unknown; description: unknown; contributes: RawContributes };
  const c = raw.contributes as {
    commands: { command: string; title: unknown; category?: unknown }[];
    authentication?: { id: string; label: unknown }[];
    viewsContainers: { activitybar: { id: string; title: unknown }[] };
    views: Record<string, { id: string; name: unknown; contextualTitle?: unknown }[]>;
    viewsWelcome: { view: string; contents: unknown }[];
    walkthroughs?: { id: string; title: unknown; description: unknown; steps: { id: string; title: unknown; description: unknown; media: { altText?: unknown } }[] }[];
    configuration: { title: unknown; properties: Record<string, { description?: unknown; markdownDescription?: unknown; enumDescriptions?: unknown[] }> };
    languageModelTools?: { name: string; displayName?: unknown; userDescription?: unknown }[];
  };
  const out: [string, unknown][] = [['displayName', raw.displayName], ['description', raw.description]];
  for (const cmd of c.commands) {
    out.push([`${cmd.command} title`, cmd.title], [`${cmd.command} category`, cmd.category]);
  }
  for (const auth of c.authentication ?? []) {
    out.push([`authentication ${auth.id}`, auth.label]);
  }
  for (const container of c.viewsContainers.activitybar) {
    out.push([`view container ${container.id}`, container.title]);
  }
  for (const view of Object.values(c.views).flat()) {
    out.push([`view ${view.id} name`, view.name]);
    if (view.contextualTitle !== undefined) {
      out.push([`view ${view.id} contextualTitle`, view.contextualTitle]);
    }
  }
  c.viewsWelcome.forEach((w, i) => out.push([`viewsWelcome ${i}`, w.contents]));
  for (const walkthrough of c.walkthroughs ?? []) {
    out.push([`walkthrough ${walkthrough.id} title`, walkthrough.title], [`walkthrough ${walkthrough.id} description`, walkthrough.description]);
    for (const step of walkthrough.steps) {
      out.push([`step ${step.id} title`, step.title], [`step ${step.id} description`, step.description], [`step ${step.id} altText`, step.media.altText]);
    }
  }
  out.push(['configuration title', c.configuration.title]);
  for (const [id, prop] of Object.entries(c.configuration.properties)) {
    for (const field of ['description', 'markdownDescription'] as const) {
      if (prop[field] !== undefined) {
        out.push([`${id} ${field}`, prop[field]]);
      }
    }
    (prop.enumDescriptions ?? []).forEach((d, i) => out.push([`${id} enumDescriptions[${i}]`, d]));
  }
  for (const tool of c.languageModelTools ?? []) {
    for (const field of ['displayName', 'userDescription'] as const) {
      if (tool[field] !== undefined) {
        out.push([`languageModelTools ${tool.name} ${field}`, tool[field]]);
      }
    }
  }
  return out;
}

/**
 * What a translation must carry over unchanged: command links, code spans (setting ids, values), `{placeholders}`,
 * codicons and the "…" of a command that asks for more.
 */
function fixedParts(text: string): string[] {
  const parts = [
    ...(text.match(/\]\([^)]*\)/g) ?? []),
    ...(text.match(/`[^`]*`/g) ?? []),
    ...(text.match(/\{\w+\}/g) ?? []),
    ...(text.match(/\$\([\w-]+\)/g) ?? []),
    ...(text.match(/#\w+/g) ?? [])
  ];
  return [...parts.sort(), ...(text.endsWith('…') ? ['…'] : [])];
}

describe('manifest words: titles, localisation, walkthrough', () => {
  const commands = manifest.contributes.commands;

  it('command titles are in Title Case, except the design card\'s "Sign in with service account"', () => {
    for (const [id, title] of Object.entries(DESIGN_CARD_TITLES)) {
      assert.strictEqual(commands.find((c) => c.command === id)?.title, title, id);
    }
    const breaks = commands
      .filter((c) => !(c.command in DESIGN_CARD_TITLES))
      .map((c) => ({ id: c.command, title: c.title, words: titleCaseBreaks(c.title) }))
      .filter((c) => c.words.length > 0);
    assert.deepStrictEqual(breaks, []);
  });

  it('a title ends with "…" exactly when its command asks for more input before acting', () => {
    const wrong = commands
      .filter((c) => c.title.endsWith('…') !== ASKS_FOR_INPUT.has(c.command))
      .map((c) => `${c.command}: "${c.title}"`);
    assert.deepStrictEqual(wrong, []);
    for (const id of ASKS_FOR_INPUT) {
      assert.ok(commands.some((c) => c.command === id), `${id} is contributed`);
    }
    assert.ok(commands.every((c) => !c.title.endsWith('...')), 'the ellipsis character, not three dots');
  });

  it('Refresh (what changed) and the full reload say the difference, and no two commands share a title', () => {
    const titleOf = (id: string): string => commands.find((c) => c.command === id)?.title ?? '';
    assert.strictEqual(titleOf('axwaySupport.refresh'), 'Refresh Changes');
    assert.strictEqual(titleOf('axwaySupport.reload'), 'Reload Full List');
    const titles = commands.map((c) => c.title);
    assert.strictEqual(new Set(titles).size, titles.length, titles.join(', '));
  });

  it('every user-visible string of package.json is a %key% of package.nls.json', () => {
    const plain = userVisibleStrings().filter(([, value]) => typeof value !== 'string' || !/^%.+%$/.test(value));
    assert.deepStrictEqual(plain.map(([where, value]) => `${where}: ${JSON.stringify(value)}`), []);
    const missing = [...manifestKeys(rawManifest)].filter((key) => !(key in englishStrings));
    assert.deepStrictEqual(missing, [], 'keys without English text');
    const unused = Object.keys(englishStrings).filter((key) => !manifestKeys(rawManifest).has(key));
    assert.deepStrictEqual(unused, [], 'package.nls.json keys that package.json no longer uses');
  });

  for (const language of ['fr', 'de']) {
    it(`package.nls.${language}.json translates exactly the English keys, keeping links, code and placeholders`, () => {
      const translated = readJson(`package.nls.${language}.json`);
      const english = Object.keys(englishStrings);
      assert.deepStrictEqual(english.filter((key) => !(key in translated)), [], `keys missing in ${language}`);
      assert.deepStrictEqual(Object.keys(translated).filter((key) => !(key in englishStrings)), [], `extra keys in ${language}`);
      for (const key of english) {
        const text = translated[key];
        assert.ok(typeof text === 'string' && text.trim() !== '', `${language} ${key} is empty`);
        assert.deepStrictEqual(fixedParts(text), fixedParts(englishStrings[key]), `${language} ${key} keeps links, code spans and placeholders`);
      }
      // The design card's button text and the product names stay as they are only where English has them; the rest is
      // translated: at most the names and one-word titles may equal the English text.
      const untranslated = english.filter((key) => translated[key] === englishStrings[key] && !/Axway|Amplify/.test(englishStrings[key]) && englishStrings[key].includes(' '));
      assert.deepStrictEqual(untranslated, [], `${language} strings left in English`);
    });
  }

  it('each walkthrough step has a picture that ships and a completion event naming something real', () => {
    const raw = rawManifest as { contributes: { walkthroughs?: { steps: { id: string; media: { image?: string }; completionEvents?: string[] }[] }[] } };
    const steps = raw.contributes.walkthroughs?.[0]?.steps ?? [];
    assert.deepStrictEqual(steps.map((s) => s.id), ['signIn', 'findAndFilter', 'answer', 'follow', 'agents']);
    // A walkthrough step renders bold and links but shows a `code span` with its backticks: none in any language.
    for (const file of ['package.nls.json', 'package.nls.fr.json', 'package.nls.de.json']) {
      const withCode = Object.entries(readJson(file)).filter(([key, text]) => key.startsWith('walkthrough.') && text.includes('`'));
      assert.deepStrictEqual(withCode.map(([key]) => key), [], `${file}: code spans in walkthrough texts`);
    }
    const settings = new Set(Object.keys(manifest.contributes.configuration.properties));
    const ours = new Set(commands.map((c) => c.command));
    for (const step of steps) {
      const image = step.media.image ?? '';
      assert.match(image, /^media\/walkthrough\/[\w-]+\.png$/, `${step.id} picture`);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, image)), `${image} exists (UI_UPDATE_DOCS_IMAGES=1 npm run test:ui writes it)`);
      const events = step.completionEvents ?? [];
      assert.ok(events.length > 0, `${step.id} has a completion event`);
      for (const event of events) {
        const [kind, name] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
        const real = kind === 'onCommand' ? ours.has(name) || name.startsWith('workbench.')
          : kind === 'onContext' ? name === 'axwaySupport.signedIn'
            : kind === 'onSettingChanged' ? settings.has(name)
              : kind === 'onView' ? name.startsWith('axwaySupport.') : false;
        assert.ok(real, `${step.id}: ${event}`);
      }
    }
  });

  it('each walkthrough picture is its own and at most 150 KiB (a crop of what the step is about, not the window)', () => {
    const raw = rawManifest as { contributes: { walkthroughs?: { steps: { id: string; media: { image?: string } }[] }[] } };
    const steps = raw.contributes.walkthroughs?.[0]?.steps ?? [];
    const budget = 150 * 1024;
    const seen = new Map<string, string>();
    for (const step of steps) {
      const image = step.media.image ?? '';
      const bytes = fs.readFileSync(path.join(REPO_ROOT, image));
      assert.ok(bytes.length <= budget, `${image}: ${bytes.length} bytes, over the ${budget}-byte budget (the VSIX ships every picture)`);
      const digest = createHash('sha256').update(bytes).digest('hex');
      assert.strictEqual(seen.get(digest), undefined, `${step.id} shows the same picture as ${seen.get(digest) ?? ''}`);
      seen.set(digest, step.id);
    }
  });
});
