import * as assert from 'assert';
import { isLoopbackHost, validateEndpointUrl } from '../../src/api/url';
import { ApiError } from '../../src/api/errors';

function configError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected ApiError, got ${String(err)}`);
    assert.strictEqual(err.kind, 'config');
    return err;
  }
  assert.fail('expected a config error');
}

describe('validateEndpointUrl', () => {
  it('accepts https URLs and keeps their path', () => {
    const url = validateEndpointUrl('https://sphereapi.admin.axway.com/sphere/api/v1', 'axwaySupport.apiBaseUrl');
    assert.strictEqual(url.host, 'sphereapi.admin.axway.com');
    assert.strictEqual(url.pathname, '/sphere/api/v1');
  });

  it('accepts plain http for every loopback form', () => {
    for (const raw of ['http://127.0.0.1:8080/api', 'http://127.1.2.3/x', 'http://localhost:3000', 'http://LOCALHOST', 'http://[::1]:9000/t']) {
      assert.strictEqual(validateEndpointUrl(raw, 's').protocol, 'http:', raw);
    }
  });

  it('refuses plain http for other hosts and names the setting', () => {
    const err = configError(() => validateEndpointUrl('http://sphereapi.admin.axway.com/sphere/api/v1', 'axwaySupport.apiBaseUrl'));
    assert.match(err.message, /axwaySupport\.apiBaseUrl/);
    assert.match(err.message, /https:\/\//);
  });

  it('refuses hosts that only look like loopback', () => {
    for (const raw of ['http://127.0.0.1.example.com', 'http://localhost.evil.com', 'http://10.0.0.1', 'http://0.0.0.0']) {
      configError(() => validateEndpointUrl(raw, 's'));
    }
  });

  it('refuses non-URLs, empty values and other protocols with a clear message', () => {
    assert.match(configError(() => validateEndpointUrl('not a url', 'axwaySupport.tokenUrl')).message, /not a valid URL/);
    assert.match(configError(() => validateEndpointUrl('   ', 'axwaySupport.tokenUrl')).message, /empty/);
    assert.match(configError(() => validateEndpointUrl('ftp://example.com', 'x')).message, /https/);
    configError(() => validateEndpointUrl('file:///etc/passwd', 'x'));
  });

  it('refuses URLs with embedded credentials', () => {
    configError(() => validateEndpointUrl('https://user:pass@example.com/token', 'x'));
  });

  it('recognises loopback hosts', () => {
    assert.ok(isLoopbackHost('127.0.0.1'));
    assert.ok(isLoopbackHost('[::1]'));
    assert.ok(!isLoopbackHost('128.0.0.1'));
  });
});
