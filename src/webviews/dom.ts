// What both pages do with their DOM: find the elements the host wrote once, swap in fragments the host rendered (all
// API text escaped) without running anything in them, and read the words the host localised for the page.

/** The element the page was written with; a missing one is a broken page, said at once rather than later. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof type)) {
    throw new Error(`The page has no ${type.name} #${id}.`);
  }
  return element;
}

/** Children parsed from HTML inertly (DOMParser: its scripts never run, and the CSP admits only our nonce script). */
export function parseFragment(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  return Array.from(parsed.body.childNodes, (node) => document.adoptNode(node));
}

/** Replaces a region's children with an escaped fragment rendered by the host. */
export function swapFragment(region: HTMLElement, html: string): void {
  region.replaceChildren(...parseFragment(html));
}

/** The JSON the host wrote into a `data-` attribute of <body> (escaped there), or undefined. */
export function bodyJson(name: string): unknown {
  const text = document.body.dataset[name];
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
