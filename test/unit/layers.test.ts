import * as assert from 'assert';
import * as path from 'path';
import { checkImports, checkTree } from '../support/layers';

describe('layers: imports between src/ folders point one way', () => {
  it('finds no import against the direction util ← api, webviews ← telemetry ← cases/network ← auth ← follow/views ← commands ← testing ← extension', () => {
    const root = path.resolve(__dirname, '..', '..', '..', 'src');
    const violations = checkTree(root);
    assert.deepStrictEqual(violations, []);
  });

  it('reports a planted upward import, a sibling import and an unknown folder', () => {
    assert.strictEqual(checkImports('api/http.ts', "import { x } from '../views/treeNodes';").length, 1);
    assert.strictEqual(checkImports('follow/a.ts', "import { x } from '../views/treeNodes';").length, 1);
    assert.strictEqual(checkImports('cases/a.ts', "import type { Y } from '../auth/accountStore';").length, 1);
    assert.strictEqual(checkImports('views/caseTab/p.ts', "const m = require('../../commands/registerCommands');").length, 1);
    assert.strictEqual(checkImports('newfolder/a.ts', "import { a } from '../util/html';").length, 1);
    assert.deepStrictEqual(checkImports('views/caseTab/p.ts', "import { html } from '../../util/html';\nimport { x } from './renderCase';"), []);
  });

  it('lets the hosts in views/ import the webview protocols, and the protocols nothing but util/', () => {
    assert.deepStrictEqual(checkImports('views/caseTab/casePanel.ts', "import { parsePageMessage } from '../../webviews/case/protocol';"), []);
    assert.deepStrictEqual(checkImports('webviews/newCase/files.ts', "import { SHOWN_CHARS } from '../../util/html';"), []);
    assert.strictEqual(checkImports('webviews/newCase/protocol.ts', "import type { NewCaseFields } from '../../cases/newCaseRules';").length, 1);
    assert.strictEqual(checkImports('webviews/case/protocol.ts', "import type { CaseDetail } from '../../api/types';").length, 1);
  });
});
