// What the list's loads tell the log and telemetry: successes with their size and duration, failures with their
// kind and troubleshooting id (never a case's content). One place, so every load reports the same way.

import { toDetails, type ApiErrorDetails } from '../api/errors';
import type { Logger } from '../api/types';
import type { Telemetry } from '../telemetry/telemetry';
import { telemetryErrorProps } from '../telemetry/sanitize';
import type { LoadedState } from './casesState';

export class ListReports {
  constructor(
    private readonly logger: Logger,
    private readonly telemetry: Telemetry
  ) {}

  loaded(state: LoadedState, durationMs: number): void {
    this.telemetry.sendEvent('cases.refresh', { result: 'success' }, { caseCount: state.cases.length, pages: state.pagesLoaded, durationMs });
  }

  /** Reports a failed refresh or full load; returns the error as the state shows it. */
  refreshFailed(err: unknown, durationMs: number): ApiErrorDetails {
    const error = toDetails(err);
    this.logger.warn(`Refreshing cases failed: ${error.kind}${tid(error)}`);
    this.telemetry.sendError('cases.refresh', { result: 'failure', ...telemetryErrorProps(err) }, { durationMs });
    return error;
  }

  /** Reports a failed "Load more"; returns the error as the state shows it. */
  loadMoreFailed(err: unknown): ApiErrorDetails {
    const error = toDetails(err);
    this.logger.warn(`Loading more cases failed: ${error.kind}${tid(error)}`);
    this.telemetry.sendError('cases.loadMore', { result: 'failure', ...telemetryErrorProps(err) });
    return error;
  }

  /** A cache is never worth an error message: the next start just waits for the network. */
  cacheWriteFailed(err: unknown): void {
    this.logger.warn(`Could not keep the case list on disk: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function tid(error: ApiErrorDetails): string {
  return error.troubleshootingId ? ` tid=${error.troubleshootingId}` : '';
}
