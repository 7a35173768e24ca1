// Support asks for the X-Troubleshooting-ID: an answer that carried one must name it in the error, also when its
// body fails after the head arrived (connection reset, too large) or has the wrong shape.
import * as assert from 'assert';
import { rejectsWith, useFakeApi } from './support/fixture';

describe('troubleshooting IDs of answers that fail after their head', () => {
  const f = useFakeApi();
  const TID = 'tid-after-head-42';

  it('a body cut off mid-way (read as incomplete JSON)', async () => {
    f.fake.control.addFault({ target: 'listCases', kind: 'truncated', headers: { 'X-Troubleshooting-ID': TID } });
    const err = await rejectsWith(f.api().api.listCases({}), 'parse');
    assert.strictEqual(err.troubleshootingId, TID);
  });

  it('a connection reset after the head', async () => {
    f.fake.control.addFault({ target: 'getCase', kind: 'reset', headers: { 'X-Troubleshooting-ID': TID } });
    const err = await rejectsWith(f.api().api.getCase('00000001'), 'network');
    assert.strictEqual(err.troubleshootingId, TID);
  });

  it('a body larger than the limit', async () => {
    f.fake.control.addFault({ target: 'getCase', kind: 'huge', sizeBytes: 2 * 1024 * 1024, headers: { 'X-Troubleshooting-ID': TID } });
    const err = await rejectsWith(f.api({ maxResponseBytes: 1024 * 1024 }).api.getCase('00000001'), 'tooLarge');
    assert.strictEqual(err.troubleshootingId, TID);
  });

  it('a 200 whose JSON has the wrong shape', async () => {
    f.fake.control.addFault({ target: 'listCases', kind: 'respond', status: 200, body: { cases: 'not an array' }, headers: { 'X-Troubleshooting-ID': TID } });
    const err = await rejectsWith(f.api().api.listCases({}), 'parse');
    assert.strictEqual(err.troubleshootingId, TID);
  });
});
