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

  /** @type {{ account?: unknown, caseNumber?: unknown, scrollY?: unknown, draft?: unknown }} */
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

  // The note form (static region #case-forms): its text is kept in the page state too, so a reload or a hidden and
  // shown tab finds it at once; the extension keeps the same draft (with the chosen files) for a closed tab.
  const subject = /** @type {HTMLInputElement} */ (document.getElementById('note-subject'));
  const description = /** @type {HTMLTextAreaElement} */ (document.getElementById('note-description'));
  const filesRegion = /** @type {HTMLElement} */ (document.getElementById('note-files'));
  const statusRegion = /** @type {HTMLElement} */ (document.getElementById('note-status'));
  const sendButton = /** @type {HTMLButtonElement} */ (document.getElementById('note-send'));
  const attachButton = /** @type {HTMLButtonElement} */ (document.getElementById('note-attach'));
  const forms = /** @type {HTMLElement} */ (document.getElementById('case-forms'));
  const FIELDS = ['subject', 'description', 'files'];
  let sending = false;
  /** The id of the extension's draft this text belongs to (undefined: typed before the extension stored it). */
  /** @type {string | undefined} */
  let draftId;
  if (sameCase && typeof previous.draft === 'object' && previous.draft !== null) {
    const d = /** @type {{ subject?: unknown, description?: unknown, id?: unknown }} */ (previous.draft);
    subject.value = typeof d.subject === 'string' ? d.subject : '';
    description.value = typeof d.description === 'string' ? d.description : '';
    draftId = typeof d.id === 'string' ? d.id : undefined;
  }

  function saveState() {
    vscode.setState({ account: account, caseNumber: caseNumber, scrollY: scrollY, draft: { subject: subject.value, description: description.value, id: draftId } });
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

  /** @param {HTMLInputElement | HTMLTextAreaElement} field */
  function updateCounter(field) {
    const counter = document.getElementById(field.id + '-count');
    if (!counter) {
      return;
    }
    const max = Number(counter.dataset.max);
    // Characters as the API counts them (code points), not UTF-16 units.
    const length = Array.from(field.value.trim()).length;
    counter.textContent = length + ' / ' + max;
    counter.classList.toggle('over', length > max);
  }

  /**
   * @param {string} field
   * @param {string} message
   */
  function setProblem(field, message) {
    const error = document.getElementById('note-' + field + '-error');
    if (error) {
      error.textContent = message;
    }
    const control = field === 'files' ? attachButton : document.getElementById('note-' + field);
    if (control && field !== 'files') {
      if (message) {
        control.setAttribute('aria-invalid', 'true');
      } else {
        control.removeAttribute('aria-invalid');
      }
    }
  }

  /**
   * @param {HTMLElement} region
   * @param {string} fragment
   */
  function swap(region, fragment) {
    const parsed = new DOMParser().parseFromString(fragment, 'text/html');
    region.replaceChildren(...Array.from(parsed.body.childNodes, (node) => document.adoptNode(node)));
  }

  /** @param {unknown} field */
  function focusField(field) {
    /** @type {HTMLElement | null} */
    const target = field === 'subject' ? subject : field === 'description' ? description : field === 'files' ? attachButton : field === 'send' ? sendButton : null;
    if (!target) {
      return;
    }
    target.focus();
    if (document.activeElement === target) {
      vscode.postMessage({ type: 'formFocused', field: field });
    }
  }

  /** @param {Record<string, unknown>} m */
  function renderForm(m) {
    if (
      m.account !== account ||
      m.caseNumber !== caseNumber ||
      typeof m.sending !== 'boolean' ||
      typeof m.filesHtml !== 'string' ||
      typeof m.statusHtml !== 'string' ||
      !Array.isArray(m.problems)
    ) {
      return;
    }
    const hadFocusInFiles = filesRegion.contains(document.activeElement);
    const hostDraftId = typeof m.draftId === 'string' ? m.draftId : undefined;
    if (draftId !== undefined && draftId !== hostDraftId) {
      // This text belongs to a draft the extension cleared: its note was added while this page was away.
      subject.value = '';
      description.value = '';
      updateCounter(subject);
      updateCounter(description);
    }
    draftId = hostDraftId;
    saveState();
    swap(filesRegion, m.filesHtml);
    swap(statusRegion, m.statusHtml);
    sending = m.sending;
    sendButton.setAttribute('aria-disabled', sending ? 'true' : 'false');
    sendButton.classList.toggle('busy-button', sending);
    const cancelButton = document.getElementById('note-cancel');
    if (cancelButton) {
      cancelButton.hidden = !sending;
    }
    /** @type {Record<string, string>} */
    const problems = {};
    for (const p of m.problems) {
      if (p && typeof p === 'object' && FIELDS.indexOf(p.field) >= 0 && typeof p.message === 'string') {
        problems[p.field] = problems[p.field] ? problems[p.field] + ' ' + p.message : p.message;
      }
    }
    FIELDS.forEach((field) => setProblem(field, problems[field] || ''));
    const fill = /** @type {Record<string, unknown> | undefined} */ (m.fill);
    if (fill && typeof fill === 'object' && typeof fill.subject === 'string' && typeof fill.description === 'string') {
      if (fill.mode === 'replace' || subject.value === '') {
        subject.value = fill.subject;
      }
      if (fill.mode === 'replace' || description.value === '') {
        description.value = fill.description;
      }
      updateCounter(subject);
      updateCounter(description);
      saveState();
    }
    if (m.focus !== undefined) {
      focusField(m.focus);
    } else if (hadFocusInFiles && !filesRegion.contains(document.activeElement)) {
      attachButton.focus();
    }
  }

  let draftTimer = 0;
  function draftChanged() {
    saveState();
    if (draftTimer) {
      window.clearTimeout(draftTimer);
    }
    draftTimer = window.setTimeout(flushDraft, 300);
  }
  function flushDraft() {
    if (draftTimer) {
      window.clearTimeout(draftTimer);
      draftTimer = 0;
    }
    vscode.postMessage({ type: 'noteDraft', subject: subject.value, description: description.value });
  }
  [subject, description].forEach((field) => {
    updateCounter(field);
    field.addEventListener('input', function () {
      updateCounter(field);
      setProblem(field === subject ? 'subject' : 'description', '');
      draftChanged();
    });
  });

  function addNote() {
    if (sending) {
      return;
    }
    flushDraft();
    vscode.postMessage({ type: 'addNote', subject: subject.value, description: description.value });
  }

  forms.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!target || target.getAttribute('aria-disabled') === 'true') {
      return;
    }
    const action = target.getAttribute('data-action');
    if (action === 'addNote') {
      addNote();
    } else if (action === 'cancelNote') {
      vscode.postMessage({ type: 'cancelNote' });
    } else if (action === 'pickFiles') {
      flushDraft();
      vscode.postMessage({ type: 'pickFiles' });
    } else if (action === 'removeFile') {
      flushDraft();
      vscode.postMessage({ type: 'removeFile', key: target.getAttribute('data-file') || '' });
    }
  });
  // Ctrl+Enter (Cmd+Enter) in the description adds the note, as in VS Code's own comment boxes.
  description.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      addNote();
    }
  });

  window.addEventListener('message', function (event) {
    if (event.data && typeof event.data === 'object' && event.data.type === 'noteForm') {
      renderForm(event.data);
      return;
    }
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
    if (action === 'refresh' || action === 'openPortal' || action === 'signIn' || action === 'closeCase') {
      vscode.postMessage({ type: action });
    } else if (action === 'download') {
      vscode.postMessage({ type: 'download', id: target.getAttribute('data-attachment-id') || '' });
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
