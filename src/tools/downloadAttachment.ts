// download attachment: GET /attachment streamed into a workspace folder through saveStream (a temporary file renamed
// when complete: never a half-written file), under the sanitised name from the answer, never replacing a file.

import * as l10n from '@vscode/l10n';
import { promises as fs } from 'fs';
import * as path from 'path';
import { isTypedCaseNumber } from '../cases/caseRef';
import { sanitizeFileName } from '../util/fileName';
import { formatSize } from '../util/format';
import { saveStream } from '../util/saveStream';
import { chooseAccounts } from './accounts';
import type { ToolHandler } from './catalogue';
import { badNumber } from './getCase';
import { accountPhrase, apiError, failure, success } from './output';
import { DOWNLOAD_ATTACHMENT } from './specs';
import type { Preparation, ToolAccount, ToolHost, ToolOutput } from './types';
import { workspaceFolder } from './workspaceFiles';

export interface DownloadInput {
  readonly caseNumber: string;
  readonly attachmentId: string;
  readonly folder?: string;
  readonly account?: string;
}

interface ReadyDownload {
  readonly account: ToolAccount;
  readonly caseNumber: string;
  readonly attachmentId: string;
  readonly folder: string;
}

export function downloadAttachmentTool(host: ToolHost): ToolHandler<DownloadInput> {
  const ready = async (input: DownloadInput): Promise<ReadyDownload | ToolOutput> => {
    const caseNumber = input.caseNumber.trim();
    if (!isTypedCaseNumber(caseNumber)) {
      return badNumber(DOWNLOAD_ATTACHMENT.name);
    }
    const nothing = 'Nothing was downloaded.';
    const choice = await chooseAccounts(host, input.account, false);
    if (!choice.ok) {
      return failure(DOWNLOAD_ATTACHMENT.name, nothing, choice.error);
    }
    const account = choice.accounts[0];
    const folder = await workspaceFolder(host.workspaceFolders(), input.folder);
    if (!folder.ok) {
      return failure(DOWNLOAD_ATTACHMENT.name, nothing, { code: 'file', message: folder.message }, account);
    }
    return { account, caseNumber, attachmentId: input.attachmentId.trim(), folder: folder.value };
  };
  return {
    spec: DOWNLOAD_ATTACHMENT,
    async prepare(input): Promise<Preparation> {
      const d = await ready(input);
      const invocationMessage = l10n.t('Downloading an attachment of Axway Support case {0}', input.caseNumber.trim());
      if (!('folder' in d)) {
        return { kind: 'refused', invocationMessage, output: d };
      }
      return {
        kind: 'write',
        invocationMessage,
        confirmation: {
          title: l10n.t('Download an attachment of case {0}?', d.caseNumber),
          message: [
            l10n.t('Case: {0}', d.caseNumber),
            l10n.t('Account: {0}', d.account.label),
            l10n.t('Attachment id: {0}', d.attachmentId),
            l10n.t('Into folder: {0}', d.folder),
            l10n.t('The file keeps the name Axway Support gives it (made safe for the disk); an existing file is never replaced.')
          ].join('\n')
        }
      };
    },
    async run(input, signal) {
      const d = await ready(input);
      if (!('folder' in d)) {
        return d;
      }
      try {
        const download = await (await host.api(d.account.id)).downloadAttachment(d.caseNumber, d.attachmentId, signal);
        // The body may fail while the folder is made and a name chosen: saveStream's pipeline still sees that error.
        const ignoreEarlyError = (): void => undefined;
        download.body.on('error', ignoreEarlyError);
        let target: string;
        try {
          await fs.mkdir(d.folder, { recursive: true });
          target = await freeName(d.folder, sanitizeFileName(download.filename, `attachment-${sanitizeFileName(d.attachmentId)}`));
        } catch (err) {
          download.body.destroy();
          throw err;
        }
        const bytes = await saveStream(download.body, target, { expectedBytes: download.contentLength, signal }).finally(() => download.body.off('error', ignoreEarlyError));
        return success(DOWNLOAD_ATTACHMENT.name, `Downloaded ${formatSize(bytes)} from case ${d.caseNumber} (${accountPhrase(d.account)}) into the workspace.`, d.account, {
          caseNumber: d.caseNumber,
          attachmentId: d.attachmentId,
          path: target,
          name: path.basename(target),
          bytes
        });
      } catch (err) {
        return failure(DOWNLOAD_ATTACHMENT.name, `The attachment was not downloaded; nothing was saved.`, apiError(err), d.account);
      }
    }
  };
}

/** `name`, else "name (2).ext", "name (3).ext", …: the first that does not exist. */
async function freeName(folder: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const base = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${base} (${n})${ext}`);
    const exists = await fs.lstat(candidate).then(() => true, () => false);
    if (!exists) {
      return candidate;
    }
  }
}
