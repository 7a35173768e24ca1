// package.json as the contract tests read it: the manifest, typed as far as they look into it, and the lookups
// they share (a command by id, the menus that list a command).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

export interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

export interface ContributedCommand {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
  readonly icon?: string;
}

export interface Manifest {
  readonly contributes: {
    readonly authentication?: readonly { readonly id: string; readonly label: string }[];
    readonly commands: readonly ContributedCommand[];
    readonly menus: Readonly<Record<string, readonly MenuEntry[]>>;
    readonly configuration: {
      readonly properties: Readonly<Record<string, { readonly type: string; readonly default: unknown; readonly enum?: readonly string[]; readonly minimum?: number; readonly scope?: string }>>;
    };
  };
}

// Compiled to out/test/unit/support/ or run from test/unit/support/: the repository root is above either.
const root = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');

/** package.json exactly as written: user-visible strings are `%key%` references into package.nls.json. */
export const rawManifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as unknown;
/** package.nls.json (English): the text of every `%key%`. */
export const englishStrings = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Replaces every whole-string `%key%` with its English text, as VS Code does when it reads the manifest. */
function localised(value: unknown): unknown {
  if (typeof value === 'string') {
    const key = /^%(.+)%$/.exec(value)?.[1];
    return key !== undefined && key in englishStrings ? englishStrings[key] : value;
  }
  if (Array.isArray(value)) {
    return value.map(localised);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localised(v)]));
  }
  return value;
}

/** The manifest as VS Code shows it in English (what the contract tests compare titles against). */
export const manifest = localised(rawManifest) as Manifest;

/** The contributed command `id`; fails the test when it is missing. */
export function contributedCommand(id: string): ContributedCommand {
  const found = manifest.contributes.commands.find((c) => c.command === id);
  assert.ok(found, `${id} is contributed`);
  return found;
}

/** Each command (id → English title) is contributed with that title in the "Axway Support" category. */
export function assertCommandTitles(expected: Readonly<Record<string, string>>): void {
  for (const [id, title] of Object.entries(expected)) {
    const command = contributedCommand(id);
    assert.strictEqual(command.title, title, id);
    assert.strictEqual(command.category, 'Axway Support', id);
  }
}

/** The menus that list `command`, with their entries. */
export function placesOf(command: string): Record<string, MenuEntry[]> {
  const places: Record<string, MenuEntry[]> = {};
  for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
    const mine = entries.filter((e) => e.command === command);
    if (mine.length > 0) {
      places[menu] = mine;
    }
  }
  return places;
}
