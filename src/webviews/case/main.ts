// The case tab's page (bundled by esbuild.mjs for the browser into dist/webviews/case.js). The extension writes the
// page once; every later state arrives as a message, checked by the protocol's validators, and only the region it
// concerns changes (./content.ts, ./noteForm.ts). The page remembers which case it shows, where the reader was and
// the note's text (getState/setState), so VS Code can restore the tab after a reload.

import { bodyJson, byId } from '../dom';
import { connectToHost } from '../vscodeApi';
import { CaseContent } from './content';
import { NoteForm } from './noteForm';
import { parseHostMessage, parsePageState, parseStrings, type CasePageState, type PageMessage } from './protocol';

const host = connectToHost<CasePageState, PageMessage>();
const account = document.body.dataset.account ?? '';
const caseNumber = document.body.dataset.caseNumber ?? '';
const strings = parseStrings(bodyJson('strings'));

const previous = parsePageState(host.getState());
const sameCase = previous !== undefined && previous.caseNumber === caseNumber && (previous.account === undefined || previous.account === account);
let scrollY = sameCase ? (previous.scrollY ?? 0) : 0;

const content = new CaseContent(byId('case-content', HTMLElement), byId('case-busy', HTMLElement), strings, scrollY);
const form: NoteForm = new NoteForm(host, saveState, sameCase ? previous.draft : undefined);

function saveState(): void {
  host.setState({ account, caseNumber, scrollY, draft: form.draft });
}
saveState();

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  // Only this tab's case: a malformed or foreign message changes nothing on screen.
  if (!message || message.account !== account || message.caseNumber !== caseNumber) {
    return;
  }
  if (message.type === 'noteForm') {
    form.render(message);
    return;
  }
  content.render(message);
  host.postMessage({ type: 'rendered', seq: message.seq });
});

let saveTimer = 0;
window.addEventListener('scroll', () => {
  scrollY = window.scrollY;
  if (saveTimer) {
    return;
  }
  saveTimer = window.setTimeout(() => {
    saveTimer = 0;
    saveState();
  }, 200);
});

// The content region's buttons (Refresh, Open in Support Portal, Sign in, Close Case, Download <name>).
document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
  if (!target || !byId('case-content', HTMLElement).contains(target) || target.getAttribute('aria-disabled') === 'true') {
    return;
  }
  const action = target.getAttribute('data-action');
  if (action === 'refresh' || action === 'openPortal' || action === 'signIn' || action === 'closeCase') {
    host.postMessage({ type: action });
  } else if (action === 'download') {
    host.postMessage({ type: 'download', id: target.getAttribute('data-attachment-id') ?? '' });
  }
});

host.postMessage({ type: 'ready' });
