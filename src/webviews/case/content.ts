// The case tab's content region (#case-content): every state (loading, the case, an error) arrives as a fragment the
// host rendered with every API string escaped and is swapped in. Nothing else is re-rendered: keyboard focus returns
// to the same control and the scroll position is kept.

import { parseFragment } from '../dom';
import type { CasePageStrings, StateMessage } from './protocol';

/** What identifies a control across renders: its focus key, id or action. */
function focusKeyOf(element: Element | null): string | undefined {
  if (!(element instanceof HTMLElement)) {
    return undefined;
  }
  if (element.dataset.focusKey) {
    return `key:${element.dataset.focusKey}`;
  }
  if (element.id) {
    return `id:${element.id}`;
  }
  if (element.dataset.action) {
    return `action:${element.dataset.action}`;
  }
  return undefined;
}

export class CaseContent {
  private lastSeq = 0;
  /** The fragment on screen; undefined until the first message (the page's own first content is a loading state). */
  private lastHtml: string | undefined;
  /** A control that had focus but is missing from the current state (e.g. Retry while loading); focused when it returns. */
  private pendingFocus: string | undefined;

  /** `pendingScroll`: where the reader was before the tab was hidden or the window reloaded (0: the top). */
  constructor(
    private readonly region: HTMLElement,
    private readonly busy: HTMLElement,
    private readonly strings: CasePageStrings,
    private pendingScroll: number
  ) {
    // Focus moved on by the person: forget the control we meant to give it back to.
    document.addEventListener('focusin', (event) => {
      if (event.target !== document.body) {
        this.pendingFocus = undefined;
      }
    });
  }

  render(state: StateMessage): void {
    // 'ready' makes the extension send its current state again: seen already, nothing to do.
    if (state.seq <= this.lastSeq) {
      return;
    }
    this.lastSeq = state.seq;
    this.busy.textContent = state.refreshing ? this.strings.refreshing : '';
    document.body.dataset.state = state.kind;
    // The same content again (only the refreshing flag changed, or a refresh brought identical data): nothing to
    // swap, so focus, selection and find results stay exactly as they are.
    if (this.lastHtml === state.html) {
      return;
    }
    this.lastHtml = state.html;
    const active = document.activeElement;
    const focused = active && this.region.contains(active) ? focusKeyOf(active) : undefined;
    const wanted = focused ?? (!active || active === document.body ? this.pendingFocus : undefined);
    const x = window.scrollX;
    const y = window.scrollY;

    this.region.replaceChildren(...parseFragment(state.html));

    const target = wanted ? this.find(wanted) : undefined;
    if (target) {
      target.focus({ preventScroll: true });
      this.pendingFocus = undefined;
    } else {
      this.pendingFocus = wanted;
    }
    if (state.kind === 'loaded' && this.pendingScroll) {
      window.scrollTo(0, this.pendingScroll);
      this.pendingScroll = 0;
    } else if (window.scrollX !== x || window.scrollY !== y) {
      window.scrollTo(x, y);
    }
  }

  private find(key: string): HTMLElement | undefined {
    for (const candidate of this.region.querySelectorAll('[data-focus-key], [id], [data-action]')) {
      if (focusKeyOf(candidate) === key && candidate instanceof HTMLElement) {
        return candidate;
      }
    }
    return undefined;
  }
}
