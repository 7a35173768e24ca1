// New Support Case page script. The extension writes this page once; accounts, products, chosen files, problems and
// the sending state arrive as messages. Option lists come as HTML the extension rendered with every API string
// escaped; they are parsed inertly (DOMParser) and copied into fresh <option>s by value and text only. The page
// never reads files: the extension picks them and keeps their paths, the page shows names and sizes.
// What is typed is saved with setState at once (a reload restores it) and sent to the extension (closing the tab
// keeps it); both are cleared by the extension only after the API confirmed the case.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const account = document.body.dataset.account || '';
  const FIELDS = ['type', 'sac', 'product', 'version', 'os', 'impact', 'urgency', 'environment', 'subject', 'description', 'ccEmails', 'targetDate', 'contact'];
  /** Filled in from account/product lists that arrive later: what the draft wants selected once they are there. */
  const DYNAMIC = ['sac', 'product', 'version', 'os'];
  const BUSINESS_SERVICE_REQUEST = 'Business Service Request';

  const form = /** @type {HTMLFormElement} */ (document.getElementById('new-case'));
  const formError = /** @type {HTMLElement} */ (document.getElementById('form-error'));
  const status = /** @type {HTMLElement} */ (document.getElementById('status'));
  const submitButton = /** @type {HTMLButtonElement} */ (document.getElementById('submit'));
  const fileList = /** @type {HTMLElement} */ (document.getElementById('files'));
  const pickFiles = /** @type {HTMLButtonElement} */ (document.getElementById('pick-files'));

  /** @param {string} name */
  function control(name) {
    return /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ (document.getElementById('f-' + name));
  }

  /** @type {{ account?: unknown, fields?: unknown }} */
  const previous = vscode.getState() || {};
  /** @type {Record<string, string>} */
  const wanted = { sac: '', product: '', version: '', os: '' };
  /** @type {Record<string, { versions: string, os: string }>} */
  let choices = Object.create(null);
  let sending = false;
  let initialised = false;
  /** The index of a file whose Remove button was pressed, until the new list arrives. */
  let focusAfterRemove = -1;

  /**
   * Fields as a plain record of strings; anything else is dropped.
   * @param {unknown} raw
   * @returns {Record<string, string> | undefined}
   */
  function readFields(raw) {
    if (typeof raw !== 'object' || raw === null) {
      return undefined;
    }
    const source = /** @type {Record<string, unknown>} */ (raw);
    /** @type {Record<string, string>} */
    const fields = {};
    for (const name of FIELDS) {
      if (typeof source[name] === 'string') {
        fields[name] = /** @type {string} */ (source[name]);
      }
    }
    return fields;
  }

  function collectFields() {
    /** @type {Record<string, string>} */
    const fields = {};
    for (const name of FIELDS) {
      fields[name] = DYNAMIC.indexOf(name) >= 0 ? wanted[name] : control(name).value;
    }
    return fields;
  }

  /** @param {Record<string, string>} fields */
  function applyFields(fields) {
    for (const name of FIELDS) {
      const value = fields[name];
      if (typeof value !== 'string') {
        continue;
      }
      if (DYNAMIC.indexOf(name) >= 0) {
        wanted[name] = value;
        selectIfPresent(name);
      } else {
        control(name).value = value;
      }
    }
    showTargetDate();
  }

  /** @param {string} name */
  function selectIfPresent(name) {
    const select = /** @type {HTMLSelectElement} */ (control(name));
    const present = Array.prototype.some.call(select.options, (/** @type {HTMLOptionElement} */ o) => o.value === wanted[name]);
    select.value = present ? wanted[name] : '';
    return present;
  }

  let draftTimer = 0;
  function saveDraft() {
    const fields = collectFields();
    vscode.setState({ account: account, fields: fields });
    if (draftTimer) {
      window.clearTimeout(draftTimer);
    }
    draftTimer = window.setTimeout(function () {
      draftTimer = 0;
      vscode.postMessage({ type: 'draft', fields: collectFields() });
    }, 250);
  }

  function showTargetDate() {
    const field = /** @type {HTMLElement} */ (document.querySelector('[data-field="targetDate"]'));
    field.hidden = control('type').value !== BUSINESS_SERVICE_REQUEST;
  }

  /**
   * Replaces a select's options with those in `html` (rendered and escaped by the extension), by value and text only.
   * @param {string} name
   * @param {string} html
   */
  function setOptions(name, html) {
    const select = /** @type {HTMLSelectElement} */ (control(name));
    const parsed = new DOMParser().parseFromString('<select>' + html + '</select>', 'text/html');
    const options = Array.prototype.map.call(parsed.querySelectorAll('option'), (/** @type {HTMLOptionElement} */ o) => new Option(o.textContent || '', o.value));
    select.replaceChildren.apply(select, /** @type {Node[]} */ (options));
    select.disabled = false;
    // A single choice (one account, one operating system) is chosen for the person.
    if (!wanted[name] && select.options.length === 2 && select.options[1].value) {
      wanted[name] = select.options[1].value;
    }
    if (!selectIfPresent(name)) {
      wanted[name] = '';
    }
  }

  /** @param {string} name @param {string} text */
  function placeholder(name, text) {
    const select = /** @type {HTMLSelectElement} */ (control(name));
    select.replaceChildren(new Option(text, ''));
  }

  function applyProductChoices() {
    const chosen = wanted.product ? choices[wanted.product] : undefined;
    if (chosen) {
      setOptions('version', chosen.versions);
      setOptions('os', chosen.os);
    } else {
      wanted.version = '';
      wanted.os = '';
      placeholder('version', 'Choose a product first');
      placeholder('os', 'Choose a product first');
    }
  }

  function requestProducts() {
    choices = Object.create(null);
    placeholder('product', wanted.sac ? 'Loading products…' : 'Choose an account first');
    placeholder('version', 'Choose a product first');
    placeholder('os', 'Choose a product first');
    if (wanted.sac) {
      vscode.postMessage({ type: 'loadProducts', sac: wanted.sac });
    }
  }

  /** @param {number} size */
  function formatSize(size) {
    if (size >= 1024 * 1024) {
      return (size / 1024 / 1024).toFixed(1) + ' MB';
    }
    if (size >= 1024) {
      return Math.round(size / 1024) + ' KB';
    }
    return size + (size === 1 ? ' byte' : ' bytes');
  }

  // The same characters src/util/html.ts shows instead of obeying: bidi controls, invisible and control characters.
  // eslint-disable-next-line no-control-regex
  const SHOWN_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

  /**
   * A file name isolated from the text around it (<bdi>), its control characters shown as markers, not obeyed.
   * @param {string} text
   */
  function isolatedName(text) {
    const bdi = document.createElement('bdi');
    let last = 0;
    for (const match of text.matchAll(SHOWN_CHARS)) {
      const at = match.index || 0;
      bdi.append(text.slice(last, at));
      const code = 'U+' + (match[0].codePointAt(0) || 0).toString(16).toUpperCase().padStart(4, '0');
      const marker = document.createElement('span');
      marker.className = 'control-char';
      marker.title = 'Invisible control character ' + code;
      marker.textContent = '[' + code + ']';
      bdi.append(marker);
      last = at + match[0].length;
    }
    bdi.append(text.slice(last));
    return bdi;
  }

  /** @param {unknown} raw */
  function renderFiles(raw) {
    const files = Array.isArray(raw) ? raw : [];
    const items = [];
    for (let i = 0; i < files.length; i++) {
      const file = files[i];
      if (typeof file !== 'object' || file === null || typeof file.name !== 'string' || typeof file.size !== 'number') {
        continue;
      }
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'file-name';
      name.append(isolatedName(file.name));
      const size = document.createElement('span');
      size.className = 'file-size';
      size.textContent = formatSize(file.size);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'secondary remove-file';
      remove.dataset.index = String(i);
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', 'Remove ' + file.name);
      li.append(name, size, remove);
      items.push(li);
    }
    fileList.replaceChildren.apply(fileList, items);
    fileList.hidden = items.length === 0;
    if (focusAfterRemove >= 0) {
      const buttons = fileList.querySelectorAll('button.remove-file');
      const next = buttons[Math.min(focusAfterRemove, buttons.length - 1)];
      (next instanceof HTMLElement ? next : pickFiles).focus();
      focusAfterRemove = -1;
    }
  }

  /** @param {string} name */
  function errorOf(name) {
    return /** @type {HTMLElement | null} */ (document.getElementById('e-' + name));
  }

  /** @param {string} name */
  function clearError(name) {
    const error = errorOf(name);
    if (error) {
      error.replaceChildren();
    }
    const input = name === 'files' ? pickFiles : control(name);
    if (input) {
      input.removeAttribute('aria-invalid');
    }
  }

  function clearAll() {
    for (const name of FIELDS.concat(['files'])) {
      clearError(name);
    }
    formError.replaceChildren();
    formError.hidden = true;
  }

  /**
   * @param {unknown} raw
   * @returns {{ field?: string, message: string }[]}
   */
  function readProblems(raw) {
    const list = Array.isArray(raw) ? raw : [];
    return list.filter(
      (p) => typeof p === 'object' && p !== null && typeof p.message === 'string' && (p.field === undefined || FIELDS.indexOf(p.field) >= 0 || p.field === 'files')
    );
  }

  /**
   * @param {{ scope?: unknown, problems?: unknown, summary?: unknown }} m
   */
  function showProblems(m) {
    const problems = readProblems(m.problems);
    if (m.scope === 'files') {
      clearError('files');
    } else {
      clearAll();
    }
    /** @type {HTMLElement | undefined} */
    let first;
    const topLines = typeof m.summary === 'string' && m.summary ? [m.summary] : [];
    for (const problem of problems) {
      const error = problem.field ? errorOf(problem.field) : null;
      if (!problem.field || !error) {
        topLines.push(problem.message);
        continue;
      }
      const line = document.createElement('span');
      line.textContent = problem.message;
      error.append(line);
      const input = problem.field === 'files' ? pickFiles : control(problem.field);
      input.setAttribute('aria-invalid', 'true');
      if (problem.field === 'targetDate') {
        /** @type {HTMLElement} */ (document.querySelector('[data-field="targetDate"]')).hidden = false;
      }
      if (!first) {
        first = input;
      }
    }
    if (m.scope !== 'files' && topLines.length > 0) {
      for (const text of topLines) {
        const p = document.createElement('p');
        p.textContent = text;
        formError.append(p);
      }
      formError.hidden = false;
    }
    if (m.scope === 'files') {
      return;
    }
    // The summary first when it says something the fields do not (e.g. the API's answer); else the first field.
    if (!formError.hidden && (!first || problems.every((p) => !p.field))) {
      formError.focus();
    } else if (first) {
      first.focus();
    }
  }

  /**
   * @param {string} field
   * @param {string} message
   */
  function showLoadError(field, message) {
    const error = errorOf(field);
    if (!error) {
      return;
    }
    placeholder(field, field === 'sac' ? 'Accounts not loaded' : 'Products not loaded');
    const text = document.createElement('span');
    text.textContent = message + ' ';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'secondary retry';
    retry.textContent = 'Retry';
    retry.setAttribute('aria-label', field === 'sac' ? 'Retry loading the accounts' : 'Retry loading the products');
    retry.addEventListener('click', function () {
      error.replaceChildren();
      if (field === 'sac') {
        placeholder('sac', 'Loading…');
        vscode.postMessage({ type: 'loadAccounts' });
      } else {
        requestProducts();
      }
    });
    error.replaceChildren(text, retry);
  }

  /** @param {boolean} on @param {string} text */
  function setSending(on, text) {
    sending = on;
    status.textContent = text;
    form.setAttribute('aria-busy', on ? 'true' : 'false');
    // aria-disabled rather than disabled: the button keeps keyboard focus while the case is sent.
    submitButton.setAttribute('aria-disabled', on ? 'true' : 'false');
    pickFiles.setAttribute('aria-disabled', on ? 'true' : 'false');
    const cancel = document.getElementById('cancel-send');
    if (cancel) {
      cancel.hidden = !on;
    }
  }

  window.addEventListener('message', function (event) {
    const m = event.data;
    if (typeof m !== 'object' || m === null || typeof m.type !== 'string') {
      return;
    }
    switch (m.type) {
      case 'init': {
        // The page's own state is the newest copy (typed before a reload); the extension's survives a closed tab.
        const own = readFields(previous.account === account ? previous.fields : undefined);
        const fields = own || readFields(m.fields) || {};
        if (!initialised) {
          applyFields(fields);
          initialised = true;
        }
        renderFiles(m.files);
        vscode.setState({ account: account, fields: collectFields() });
        vscode.postMessage({ type: 'shown', fields: collectFields() });
        return;
      }
      case 'accounts':
        if (typeof m.html === 'string') {
          clearError('sac');
          setOptions('sac', m.html);
          requestProducts();
        }
        return;
      case 'products':
        if (typeof m.html === 'string' && m.sac === wanted.sac && typeof m.choices === 'object' && m.choices !== null) {
          clearError('product');
          choices = Object.create(null);
          for (const id of Object.keys(m.choices)) {
            const c = m.choices[id];
            if (c && typeof c.versions === 'string' && typeof c.os === 'string') {
              choices[id] = { versions: c.versions, os: c.os };
            }
          }
          setOptions('product', m.html);
          applyProductChoices();
        }
        return;
      case 'loadError':
        if ((m.field === 'sac' || m.field === 'product') && typeof m.message === 'string' && (m.field === 'sac' || m.sac === wanted.sac)) {
          showLoadError(m.field, m.message);
        }
        return;
      case 'files':
        renderFiles(m.files);
        return;
      case 'problems':
        showProblems(m);
        return;
      case 'sending':
        if (typeof m.sending === 'boolean' && typeof m.text === 'string') {
          setSending(m.sending, m.text);
        }
        return;
    }
  });

  form.addEventListener('input', function (event) {
    const target = event.target;
    if (target instanceof HTMLElement && target.id.indexOf('f-') === 0) {
      const name = target.id.slice(2);
      if (DYNAMIC.indexOf(name) < 0) {
        saveDraft();
      }
    }
  });

  form.addEventListener('change', function (event) {
    const target = event.target;
    if (!(target instanceof HTMLSelectElement)) {
      return;
    }
    const name = target.id.slice(2);
    if (DYNAMIC.indexOf(name) >= 0) {
      wanted[name] = target.value;
      clearError(name);
      if (name === 'sac') {
        wanted.product = '';
        wanted.version = '';
        wanted.os = '';
        requestProducts();
      } else if (name === 'product') {
        wanted.version = '';
        wanted.os = '';
        applyProductChoices();
      }
    }
    if (name === 'type') {
      showTargetDate();
    }
    saveDraft();
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (sending) {
      return;
    }
    setSending(true, 'Checking…');
    vscode.postMessage({ type: 'submit', fields: collectFields() });
  });

  form.addEventListener('keydown', function (event) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });

  const cancelSend = document.getElementById('cancel-send');
  if (cancelSend) {
    cancelSend.addEventListener('click', function () {
      vscode.postMessage({ type: 'cancel' });
    });
  }

  pickFiles.addEventListener('click', function () {
    if (!sending) {
      vscode.postMessage({ type: 'pickFiles' });
    }
  });

  fileList.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('button.remove-file') : null;
    if (!(target instanceof HTMLElement) || sending) {
      return;
    }
    const index = Number(target.dataset.index);
    // Keyboard focus goes to the next Remove button once the shorter list arrives (or to Attach Files…).
    focusAfterRemove = index;
    vscode.postMessage({ type: 'removeFile', index: index });
  });

  showTargetDate();
  vscode.postMessage({ type: 'ready' });
})();
