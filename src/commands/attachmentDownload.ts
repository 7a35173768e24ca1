// Downloads one attachment of a case to a place the user picks: the request goes first (its Content-Disposition
// names the file, and an unknown attachment fails before anyone picks a folder), then the save dialog, then the
// body streams to disk through saveStream (temporary file beside the target, renamed when complete) under a
// cancellable progress notification. Dialogs and progress come in through DownloadUi so a test can answer them.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AttachmentDownload, Logger, SupportApiClient } from '../api/types';
import type { Telemetry } from '../telemetry/telemetry';
import { telemetryErrorProps } from '../telemetry/sanitize';
import { errorSentence, troubleshootingIdOfError } from '../util/errorText';
import { sanitizeFileName } from '../util/fileName';
import { formatSize } from '../util/format';
import { saveStream, SizeMismatchError } from '../util/saveStream';
import { plainText } from '../util/text';
import type { UserMessages } from '../util/userMessages';

/** One attachment of one case, as the case tab lists it (every string untrusted). */
export interface AttachmentToDownload {
  /** The case's account: the file is requested with its token only. */
  readonly account: string;
  readonly caseNumber: string;
  readonly attachmentId: string;
  /** The name in the case's answer; the fallback when the download's Content-Disposition names none. */
  readonly name: string;
}

/** Running total of a download; `total` is Content-Length when the server sent one. */
export type ReportBytes = (received: number, total: number | undefined) => void;

/** The parts of the window a download talks to, injected so integration tests can answer them. */
export interface DownloadUi {
  saveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
  /** Runs the task under a cancellable progress notification. */
  progress<R>(title: string, task: (report: ReportBytes, token: vscode.CancellationToken) => Promise<R>): Thenable<R>;
}

export type DownloadOutcome =
  | { readonly kind: 'saved'; readonly uri: vscode.Uri; readonly bytes: number }
  /** The dialog was dismissed or the progress notification cancelled: nothing written. */
  | { readonly kind: 'cancelled' }
  /** Reported to the user already (with Retry); nothing written. */
  | { readonly kind: 'failed'; readonly message: string; readonly troubleshootingId?: string };

export interface AttachmentDownloaderDeps {
  /** The Support API as the given account: a case is only ever read or written with its own account's token. */
  readonly api: (account: string) => Promise<SupportApiClient>;
  readonly messages: UserMessages;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly ui: DownloadUi;
}

/** The window's own save dialog and notification progress. */
export const windowDownloadUi: DownloadUi = {
  saveDialog: (options) => vscode.window.showSaveDialog(options),
  progress: (title, task) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
      task(throttledReport(progress), token)
    )
};

export class AttachmentDownloader {
  constructor(private readonly deps: AttachmentDownloaderDeps) {}

  /**
   * Asks where to save the attachment and downloads it there. Never rejects: failures are shown (with the
   * troubleshooting ID and Retry) and returned. `previous` is the place chosen last time (Retry proposes it again).
   */
  async download(attachment: AttachmentToDownload, previous?: vscode.Uri): Promise<DownloadOutcome> {
    const display = plainText(attachment.name, 80) || vscode.l10n.t('the attachment');
    const controller = new AbortController();
    const started = Date.now();
    let response: PendingResponse | undefined;
    let chosen = previous;
    try {
      response = await this.request(attachment, controller.signal);
      const suggested = sanitizeFileName(response.download.filename ?? attachment.name);
      const target = await this.pickTarget(display, suggested, previous);
      if (!target) {
        return this.cancelled(controller, response);
      }
      chosen = target;
      if (response.failed) {
        // The answer went stale while the dialog was open (e.g. the idle timeout): ask once more.
        response.download.body.destroy();
        response = await this.request(attachment, controller.signal);
      }
      const current = response;
      const bytes = await this.deps.ui.progress(vscode.l10n.t('Downloading {0}', display), async (report, token) => {
        const cancel = token.onCancellationRequested(() => controller.abort());
        try {
          const total = current.download.contentLength;
          report(0, total);
          return await saveStream(current.download.body, target.fsPath, {
            expectedBytes: total,
            signal: controller.signal,
            onBytes: (received) => report(received, total)
          });
        } finally {
          cancel.dispose();
        }
      });
      this.deps.logger.info(`Downloaded an attachment of case ${attachment.caseNumber} (${bytes} bytes).`);
      this.deps.telemetry.sendEvent('attachment.download', { result: 'success' }, { durationMs: Date.now() - started, bytes });
      void this.offerToOpen(target, display, bytes);
      return { kind: 'saved', uri: target, bytes };
    } catch (err) {
      if (controller.signal.aborted) {
        return this.cancelled(controller, response);
      }
      response?.download.body.destroy();
      controller.abort();
      return this.failed(attachment, display, err, response?.download.troubleshootingId, chosen);
    }
  }

  /** Starts the request; resolves with the headers, the body still unread (paused by back-pressure). */
  private async request(attachment: AttachmentToDownload, signal: AbortSignal): Promise<PendingResponse> {
    const api = await this.deps.api(attachment.account);
    const download = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Axway Support: requesting the attachment') }, () =>
      api.downloadAttachment(attachment.caseNumber, attachment.attachmentId, signal)
    );
    const pending: PendingResponse = { download, failed: false };
    // Listening keeps an error while the dialog is open from being unhandled; the body is re-requested then.
    download.body.once('error', () => {
      pending.failed = true;
    });
    download.body.once('close', () => {
      pending.failed = true;
    });
    return pending;
  }

  /** The save dialog, with the workspace (else Downloads) and the sanitised name proposed; undefined when dismissed. */
  private async pickTarget(display: string, suggested: string, previous: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    for (;;) {
      const target = await this.deps.ui.saveDialog({
        title: vscode.l10n.t('Download {0}', display),
        saveLabel: vscode.l10n.t('Download'),
        defaultUri: previous ?? vscode.Uri.joinPath(defaultFolder(), suggested)
      });
      if (!target || target.scheme === 'file') {
        return target;
      }
      // A remote or virtual location (e.g. the simple dialog's "Show Local"): the download is streamed by the
      // extension host with Node's file system, which cannot reach it, and copying it through workspace.fs would
      // read the whole file into memory. Say so and let the user pick a folder the extension host can write.
      const another = vscode.l10n.t('Choose Another Location');
      const again = await this.deps.messages.error(
        vscode.l10n.t('Axway Support: {0} can only be saved to a folder on the machine the extension runs on ({1}: locations cannot be written while streaming). Choose another location.', display, target.scheme),
        another
      );
      if (again !== another) {
        return undefined;
      }
    }
  }

  private cancelled(controller: AbortController, response: PendingResponse | undefined): DownloadOutcome {
    controller.abort();
    response?.download.body.destroy();
    return { kind: 'cancelled' };
  }

  private failed(attachment: AttachmentToDownload, display: string, err: unknown, responseTid: string | undefined, previous: vscode.Uri | undefined): DownloadOutcome {
    const tid = troubleshootingIdOfError(err) ?? responseTid;
    const reason = failureReason(err);
    this.deps.logger.warn(`Downloading an attachment of case ${attachment.caseNumber} failed: ${reason}${tid ? ` tid=${tid}` : ''}`);
    this.deps.telemetry.sendError('attachment.download', { result: 'failure', ...telemetryErrorProps(err) });
    const text = `${vscode.l10n.t('Axway Support: {0} was not downloaded. {1} Nothing was saved.', display, reason)}${tid ? ` ${vscode.l10n.t('(Troubleshooting ID: {0})', tid)}` : ''}`;
    const retry = vscode.l10n.t('Retry');
    void this.deps.messages.error(text, retry).then((choice) => {
      if (choice === retry) {
        void this.download(attachment, previous);
      }
    });
    return { kind: 'failed', message: text, troubleshootingId: tid };
  }

  private async offerToOpen(target: vscode.Uri, display: string, bytes: number): Promise<void> {
    const open = vscode.l10n.t('Open');
    const reveal = vscode.l10n.t('Reveal in Explorer');
    const choice = await this.deps.messages.info(vscode.l10n.t('Axway Support: Downloaded {0} ({1}) to {2}.', display, formatSize(bytes), target.fsPath), open, reveal);
    try {
      if (choice === open) {
        await vscode.commands.executeCommand('vscode.open', target);
      } else if (choice === reveal) {
        // The Explorer view when the file is in the workspace; otherwise the OS file manager (desktop only).
        const inWorkspace = vscode.workspace.getWorkspaceFolder(target) !== undefined;
        await vscode.commands.executeCommand(inWorkspace ? 'revealInExplorer' : 'revealFileInOS', target);
      }
    } catch (err) {
      this.deps.messages.report(choice === open ? vscode.l10n.t('Opening the downloaded file') : vscode.l10n.t('Revealing the downloaded file'), err);
    }
  }
}

interface PendingResponse {
  readonly download: AttachmentDownload;
  /** The body errored or closed before it was read. */
  failed: boolean;
}

/** The first workspace folder, else ~/Downloads, else the home folder. */
function defaultFolder(): vscode.Uri {
  const workspace = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (workspace) {
    return workspace;
  }
  const downloads = path.join(os.homedir(), 'Downloads');
  return vscode.Uri.file(fs.existsSync(downloads) ? downloads : os.homedir());
}

/** Percent increments for the notification, at most one per whole percent (or per MB when the size is unknown). */
function throttledReport(progress: vscode.Progress<{ message?: string; increment?: number }>): ReportBytes {
  let shownPercent = 0;
  let shownBytes = -1;
  return (received, total) => {
    if (total !== undefined && total > 0) {
      const percent = Math.min(100, Math.floor((received * 100) / total));
      if (percent > shownPercent || shownBytes < 0) {
        progress.report({ increment: percent - shownPercent, message: vscode.l10n.t('{0} of {1}', formatSize(received), formatSize(total)) });
        shownPercent = percent;
        shownBytes = received;
      }
      return;
    }
    if (shownBytes < 0 || received - shownBytes >= 1024 * 1024) {
      progress.report({ message: formatSize(received) });
      shownBytes = received;
    }
  };
}

/** One or more sentences for the message; file-system errors say what to do. */
function failureReason(err: unknown): string {
  if (err instanceof SizeMismatchError) {
    return `${err.message} ${vscode.l10n.t('The connection may have been cut; try again.')}`;
  }
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return vscode.l10n.t('The folder cannot be written to. Choose another location.');
  }
  if (code === 'ENOSPC') {
    return vscode.l10n.t('The disk is full. Free some space or choose another location.');
  }
  if (code === 'EISDIR') {
    return vscode.l10n.t('A folder has that name. Choose another name.');
  }
  return errorSentence(err);
}
