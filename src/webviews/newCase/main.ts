// The New Support Case page (bundled by esbuild.mjs for the browser into dist/webviews/newCase.js). The extension
// writes the page once; accounts, products, chosen files, problems and the sending state arrive as messages, checked
// by the protocol's validators. The page never reads files: the extension picks them and keeps their paths.
// What is typed is saved with setState at once (a reload restores it) and sent to the extension (closing the tab
// keeps it); both are cleared by the extension only after the API confirmed the case.

import { bodyJson, byId } from '../dom';
import { connectToHost } from '../vscodeApi';
import { FileList } from './files';
import { FieldControls, isDynamic, isField } from './fields';
import { Problems } from './problems';
import { parseHostMessage, parsePageState, parseStrings, type HostMessage, type NewCasePageState, type PageMessage } from './protocol';

const host = connectToHost<NewCasePageState, PageMessage>();
const account = document.body.dataset.account ?? '';
const strings = parseStrings(bodyJson('strings'));
const previous = parsePageState(host.getState());

const form = byId('new-case', HTMLFormElement);
const status = byId('status', HTMLElement);
const submitButton = byId('submit', HTMLButtonElement);
const pickFiles = byId('pick-files', HTMLButtonElement);
const fields = new FieldControls(document.body.dataset.targetDateType ?? '', strings, (sac) => host.postMessage({ type: 'loadProducts', sac }));
const files = new FileList(byId('files', HTMLElement), pickFiles, strings);
const problems = new Problems(fields, pickFiles, strings, () => host.postMessage({ type: 'loadAccounts' }));
let sending = false;
let initialised = false;

let draftTimer = 0;
function saveDraft(): void {
  host.setState({ account, fields: fields.collect() });
  window.clearTimeout(draftTimer);
  draftTimer = window.setTimeout(() => {
    draftTimer = 0;
    host.postMessage({ type: 'draft', fields: fields.collect() });
  }, 250);
}

function setSending(on: boolean, text: string): void {
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

function receive(m: HostMessage): void {
  switch (m.type) {
    case 'init': {
      // The page's own state is the newest copy (typed before a reload); the extension's survives a closed tab.
      const own = previous.account === account ? previous.fields : undefined;
      const draft = own ?? m.fields;
      if (!initialised) {
        if (draft) {
          fields.apply(draft);
        }
        initialised = true;
      }
      files.render(m.files);
      host.setState({ account, fields: fields.collect() });
      host.postMessage({ type: 'shown', fields: fields.collect() });
      return;
    }
    case 'accounts':
      problems.clear('sac');
      fields.setOptions('sac', m.html);
      fields.requestProducts();
      return;
    case 'products':
      if (m.sac === fields.wanted.sac) {
        problems.clear('product');
        fields.setProducts(m.html, m.choices);
      }
      return;
    case 'loadError':
      if (m.field === 'sac' || m.sac === fields.wanted.sac) {
        problems.showLoadError(m.field, m.message);
      }
      return;
    case 'files':
      files.render(m.files);
      return;
    case 'problems':
      problems.show(m);
      return;
    case 'sending':
      setSending(m.sending, m.text);
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message) {
    receive(message);
  }
});

form.addEventListener('input', (event) => {
  const target = event.target;
  if (target instanceof HTMLElement && target.id.startsWith('f-') && !isDynamic(target.id.slice(2))) {
    saveDraft();
  }
});

form.addEventListener('change', (event) => {
  const target = event.target;
  if (!(target instanceof HTMLSelectElement)) {
    return;
  }
  const name = target.id.slice(2);
  if (isDynamic(name)) {
    problems.clear(name);
    fields.chose(name, target.value);
  }
  if (name === 'type') {
    fields.showTargetDate();
  }
  if (isField(name)) {
    saveDraft();
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (sending) {
    return;
  }
  setSending(true, strings.checking);
  host.postMessage({ type: 'submit', fields: fields.collect() });
});

form.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.getElementById('cancel-send')?.addEventListener('click', () => host.postMessage({ type: 'cancel' }));

pickFiles.addEventListener('click', () => {
  if (!sending) {
    host.postMessage({ type: 'pickFiles' });
  }
});

byId('files', HTMLElement).addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('button.remove-file') : null;
  if (!(target instanceof HTMLElement) || sending) {
    return;
  }
  const index = Number(target.dataset.index);
  files.removing(index);
  host.postMessage({ type: 'removeFile', index });
});

fields.showTargetDate();
host.postMessage({ type: 'ready' });
