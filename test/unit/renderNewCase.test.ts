import * as assert from 'assert';
import { renderAccountOptions, renderNewCasePage, renderOptions, renderProductOptions } from '../../src/views/newCase/renderNewCase';
import type { NewCasePageStrings } from '../../src/webviews/newCase/protocol';
import type { PageResources } from '../../src/views/caseTab/renderCase';

const RES: PageResources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utdmx1ZQ==',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/newCase.css',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webviews/newCase.js'
};
const KEYS = [
  'chooseAccountFirst', 'chooseProductFirst', 'loading', 'loadingProducts', 'accountsNotLoaded', 'productsNotLoaded', 'retry',
  'retryAccounts', 'retryProducts', 'checking', 'remove', 'removeFile', 'controlCharacter', 'byte', 'bytes', 'kilobytes', 'megabytes'
] as const;
/** Each word named after its key, and one hostile (a translation is text too: it must not become markup). */
const STRINGS = Object.fromEntries(KEYS.map((key) => [key, key === 'retry' ? `"><img src=x onerror=alert(1)>` : key])) as unknown as NewCasePageStrings;

const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>'\``;

/** Every `<tag` in the markup, so a hostile string that slipped through shows up as an extra tag. */
function tags(markup: string): string[] {
  return [...markup.matchAll(/<([a-z]+)/g)].map((m) => m[1]);
}

describe('new case page rendering', () => {
  it('writes a strict CSP with the nonce on the only script', () => {
    const page = renderNewCasePage(RES, 'acct-1', STRINGS);
    const csp = (/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '').replace(/&#39;/g, "'");
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-bm9uY2Utdmx1ZQ=='/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.strictEqual(page.match(/<script/g)?.length, 1);
    assert.match(page, /<script nonce="bm9uY2Utdmx1ZQ==" src="[^"]+newCase\.js"><\/script>/);
    const body = /<body data-account="acct-1" data-target-date-type="Business Service Request" data-strings="([^"]*)">/.exec(page);
    assert.ok(body, 'the body carries the account, the type that takes a target date, and the page app\'s words');
    // The words as JSON in an escaped attribute: the browser's attribute decoding gives the page the JSON back.
    const json = body[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&amp;/g, '&');
    assert.deepStrictEqual(JSON.parse(json), STRINGS);
    assert.ok(!page.includes('<img'), 'a hostile word stays text');
  });

  it('labels every field, ties hints and errors to it, and offers impact 2–4 only', () => {
    const page = renderNewCasePage(RES, 'a', STRINGS);
    const fields = ['sac', 'type', 'product', 'version', 'os', 'environment', 'impact', 'urgency', 'targetDate', 'subject', 'description', 'ccEmails', 'contact'];
    for (const field of fields) {
      assert.match(page, new RegExp(`<label for="f-${field}">`), `${field} has a label`);
      assert.match(page, new RegExp(`id="f-${field}"[^>]*aria-describedby="[^"]*e-${field}"`), `${field} is described by its error`);
      assert.match(page, new RegExp(`<p id="e-${field}" class="field-error"`), `${field} has an error slot`);
    }
    assert.match(page, /<legend>Attachments<\/legend>/);
    assert.match(page, /<option value="2 - High">2 - High<\/option><option value="3 - Medium">3 - Medium<\/option><option value="4 - Low">4 - Low<\/option>/);
    assert.ok(!page.includes('1 - Critical'), 'impact 1 is not offered');
    for (const type of ['Support Case', 'Enhancement Request', 'Business Service Request', 'Security Issue']) {
      assert.ok(page.includes(`<option value="${type}">${type}</option>`), type);
    }
    assert.match(page, /<button type="submit" id="submit">Create Case<\/button>/);
  });

  it('escapes hostile account and product names, ids, versions and operating systems', () => {
    const accounts = renderAccountOptions([{ sac: HOSTILE, name: HOSTILE }]);
    assert.deepStrictEqual(tags(accounts), ['option', 'option']);
    assert.ok(accounts.includes('&lt;script&gt;'));
    assert.ok(!accounts.includes('<script'));
    const products = renderProductOptions([
      { id: HOSTILE, name: HOSTILE, versions: [{ id: HOSTILE, name: HOSTILE }], operatingSystems: [{ id: 'o', name: `</option><script>x</script>` }] }
    ]);
    assert.deepStrictEqual(tags(products.html), ['option', 'option']);
    const choice = products.choices[HOSTILE];
    assert.ok(choice, 'choices are keyed by the raw id (a data key, never markup)');
    assert.deepStrictEqual(tags(choice.versions), ['option', 'option']);
    assert.deepStrictEqual(tags(choice.os), ['option', 'option']);
    assert.ok(choice.os.includes('&lt;/option&gt;&lt;script&gt;'));
    // A product id such as "__proto__" stays data.
    const proto = renderProductOptions([{ id: '__proto__', name: 'P', versions: [], operatingSystems: [] }]);
    assert.ok(Object.prototype.hasOwnProperty.call(proto.choices, '__proto__'));
    assert.match(proto.choices['__proto__'].versions, /No versions listed/);
  });

  it('says when there is nothing to choose', () => {
    assert.match(renderAccountOptions([]), /No accounts available/);
    assert.match(renderProductOptions([]).html, /No products for this account/);
    assert.strictEqual(renderOptions([{ value: 'v', label: 'L' }], 'Pick'), '<option value="">Pick</option><option value="v">L</option>');
  });

});
