// Case tab script. The extension writes this page once; every later state (loading, the case, an error) arrives
// as a message carrying an HTML fragment that the extension rendered with every API string escaped. The fragment
// is parsed inertly (DOMParser: scripts in it never run, and the CSP admits only our nonce script anyway) and
// swapped into #case-content. Nothing else is re-rendered: #case-forms is left alone, keyboard focus returns to
// the same control and the scroll position is kept. The page also remembers which case it shows (getState/
// setState) so VS Code can restore the tab after a reload.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const account = document.body.dataset.account || '';
  const caseNumber = document.body.dataset.caseNumber || '';
  const content = /** @type {HTMLElement} */ (document.getElementById('case-content'));
  const busy = /** @type {HTMLElement} */ (document.getElementById('case-busy'));
  const KINDS = ['loading', 'loaded', 'error'];

  /** @type {{ account?: unknown, caseNumber?: unknown, scrollY?: unknown }} */
  const previous = vscode.getState() || {};
  const sameCase = previous.caseNumber === caseNumber && (previous.account === undefined || previous.account === account);
  /** Where the reader was before the tab was hidden or the window reloaded; applied to the first loaded state. */
  let pendingScroll = sameCase && typeof previous.scrollY === 'number' ? previous.scrollY : 0;
  let scrollY = pendingScroll;
  let lastSeq = 0;
  /** The fragment on screen; undefined until the first message (the page's own first content is a loading state). */
  /** @type {string | undefined} */
  let lastHtml;
  /** A control that had focus but is missing from the current state (e.g. Retry while loading); focused when it returns. */
  /** @type {string | undefined} */
  let pendingFocus;

  function saveState() {
    vscode.setState({ account: account, caseNumber: caseNumber, scrollY: scrollY });
  }
  saveState();

  /**
   * The same rules as parseStateMessage in src/views/detail/messages.ts, plus: only states for this tab's case.
   * @param {unknown} raw
   * @returns {{ seq: number, kind: string, refreshing: boolean, html: string } | undefined}
   */
  function parseState(raw) {
    if (typeof raw !== 'object' || raw === null) {
      return undefined;
    }
    const m = /** @type {Record<string, unknown>} */ (raw);
    if (
      m.type !== 'state' ||
      typeof m.seq !== 'number' ||
      !Number.isSafeInteger(m.seq) ||
      m.account !== account ||
      m.caseNumber !== caseNumber ||
      typeof m.kind !== 'string' ||
      KINDS.indexOf(m.kind) < 0 ||
      typeof m.refreshing !== 'boolean' ||
      typeof m.html !== 'string'
    ) {
      return undefined;
    }
    return { seq: m.seq, kind: m.kind, refreshing: m.refreshing, html: m.html };
  }

  /**
   * What identifies a control across renders: its focus key, id or action.
   * @param {Element | null} el
   */
  function focusKeyOf(el) {
    if (!(el instanceof HTMLElement)) {
      return undefined;
    }
    if (el.dataset.focusKey) {
      return 'key:' + el.dataset.focusKey;
    }
    if (el.id) {
      return 'id:' + el.id;
    }
    if (el.dataset.action) {
      return 'action:' + el.dataset.action;
    }
    return undefined;
  }

  /** @param {string} key */
  function findByKey(key) {
    const candidates = content.querySelectorAll('[data-focus-key], [id], [data-action]');
    for (let i = 0; i < candidates.length; i++) {
      if (focusKeyOf(candidates[i]) === key) {
        return /** @type {HTMLElement} */ (candidates[i]);
      }
    }
    return undefined;
  }

  /** @param {{ seq: number, kind: string, refreshing: boolean, html: string }} state */
  function render(state) {
    // 'ready' makes the extension send its current state again: seen already, nothing to do.
    if (state.seq <= lastSeq) {
      return;
    }
    lastSeq = state.seq;
    busy.textContent = state.refreshing ? 'Refreshing…' : '';
    document.body.dataset.state = state.kind;
    // The same content again (only the refreshing flag changed, or a refresh brought identical data): nothing to
    // swap, so focus, selection and find results stay exactly as they are.
    if (lastHtml === state.html) {
      return;
    }
    lastHtml = state.html;
    const active = document.activeElement;
    const focused = active && content.contains(active) ? focusKeyOf(active) : undefined;
    const wanted = focused || (!active || active === document.body ? pendingFocus : undefined);
    const x = window.scrollX;
    const y = window.scrollY;

    const parsed = new DOMParser().parseFromString(state.html, 'text/html');
    content.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.adoptNode(node)));

    const target = wanted ? findByKey(wanted) : undefined;
    if (target) {
      target.focus({ preventScroll: true });
      pendingFocus = undefined;
    } else {
      pendingFocus = wanted;
    }
    if (state.kind === 'loaded' && pendingScroll) {
      window.scrollTo(0, pendingScroll);
      pendingScroll = 0;
    } else if (window.scrollX !== x || window.scrollY !== y) {
      window.scrollTo(x, y);
    }
  }

  window.addEventListener('message', function (event) {
    const state = parseState(event.data);
    if (!state) {
      return;
    }
    render(state);
    vscode.postMessage({ type: 'rendered', seq: state.seq });
  });

  // Focus moved on by the person: forget the control we meant to give it back to.
  document.addEventListener('focusin', function (event) {
    if (event.target !== document.body) {
      pendingFocus = undefined;
    }
  });

  let saveTimer = 0;
  window.addEventListener('scroll', function () {
    scrollY = window.scrollY;
    if (saveTimer) {
      return;
    }
    saveTimer = window.setTimeout(function () {
      saveTimer = 0;
      saveState();
    }, 200);
  });

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!target || !content.contains(target) || target.getAttribute('aria-disabled') === 'true') {
      return;
    }
    const action = target.getAttribute('data-action');
    if (action === 'refresh' || action === 'openPortal' || action === 'signIn') {
      vscode.postMessage({ type: action });
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
