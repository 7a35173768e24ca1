// Case detail webview script. It only wires buttons and remembers which case (and scroll position) this panel shows,
// so VS Code can restore the panel after a reload. All content is rendered by the extension as escaped HTML.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const caseNumber = document.body.dataset.caseNumber || '';
  const previous = vscode.getState() || {};

  vscode.setState({ caseNumber: caseNumber, scrollY: previous.caseNumber === caseNumber ? previous.scrollY || 0 : 0 });

  if (previous.caseNumber === caseNumber && previous.scrollY && document.body.dataset.state === 'loaded') {
    window.scrollTo(0, previous.scrollY);
  }

  let pending = 0;
  window.addEventListener('scroll', function () {
    if (pending) {
      return;
    }
    pending = window.setTimeout(function () {
      pending = 0;
      vscode.setState({ caseNumber: caseNumber, scrollY: window.scrollY });
    }, 200);
  });

  document.addEventListener('click', function (event) {
    const target = event.target instanceof Element ? event.target.closest('button[data-action]') : null;
    if (!target || target.hasAttribute('disabled')) {
      return;
    }
    const action = target.getAttribute('data-action');
    if (action === 'refresh' || action === 'openPortal' || action === 'signIn') {
      vscode.postMessage({ type: action });
    }
  });
})();
