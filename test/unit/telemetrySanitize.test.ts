import * as assert from 'assert';
import { telemetryErrorProps } from '../../src/telemetry/sanitize';
import { ApiError } from '../../src/api/errors';

describe('telemetryErrorProps', () => {
  it('keeps only kind, status and code of an ApiError', () => {
    const err = new ApiError({ kind: 'forbidden', status: 403, code: 'ACCESS_DENIED', troubleshootingId: 'TID', message: 'Case 01314580 of jane@acme.test' });
    const props = telemetryErrorProps(err);
    assert.deepStrictEqual(props, { errorKind: 'forbidden', status: '403', code: 'ACCESS_DENIED' });
    assert.ok(!JSON.stringify(props).includes('01314580'));
  });

  it('drops codes that look like free text or carry numbers such as case numbers', () => {
    assert.deepStrictEqual(telemetryErrorProps(new ApiError({ kind: 'http', status: 418, code: 'case 01314580 by jane', message: 'm' })), {
      errorKind: 'http',
      status: '418'
    });
    assert.deepStrictEqual(telemetryErrorProps(new ApiError({ kind: 'http', code: 'X01314580', message: 'm' })), { errorKind: 'http' });
  });

  it('reports other errors as unexpected, with a Node error code at most', () => {
    assert.deepStrictEqual(telemetryErrorProps(new Error('secret stuff')), { errorKind: 'unexpected' });
    assert.deepStrictEqual(telemetryErrorProps(Object.assign(new Error('x'), { code: 'ENOENT' })), { errorKind: 'unexpected', code: 'ENOENT' });
    assert.deepStrictEqual(telemetryErrorProps('string'), { errorKind: 'unexpected' });
    assert.deepStrictEqual(telemetryErrorProps(undefined), { errorKind: 'unexpected' });
  });

  it('recognises ApiErrors from another bundle by shape', () => {
    const foreign = Object.assign(new Error('m'), { name: 'ApiError', kind: 'timeout' });
    assert.deepStrictEqual(telemetryErrorProps(foreign), { errorKind: 'timeout' });
  });
});
