// search cases: the filters of Filter Cases… (state, statuses, types, updated within, support access code) sent to
// the API, then `text` matched here over number and subject of the newest `limit` cases, read page by page (20 a
// request, as the list does). Several signed-in accounts are each searched unless one is named.

import * as l10n from '@vscode/l10n';
import type { CaseSummary, CaseQuery, SupportApiClient } from '../api/types';
import { queryFor, sortKeys, type CaseFilter } from '../cases/caseQuery';
import { chooseAccounts } from './accounts';
import type { ToolHandler } from './catalogue';
import { accountPhrase, apiError, failure, success } from './output';
import { SEARCH_CASES, SEARCH_LIMIT_DEFAULT } from './specs';
import type { ToolAccount, ToolError, ToolHost } from './types';

export interface SearchInput {
  readonly text?: string;
  readonly state?: 'open' | 'closed' | 'all';
  readonly statuses?: readonly string[];
  readonly types?: readonly string[];
  readonly updatedWithinDays?: number;
  readonly supportAccessCode?: string;
  readonly limit?: number;
  readonly account?: string;
}

/** The API's page size. */
const PAGE = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

interface AccountSearch {
  readonly cases: readonly CaseSummary[];
  readonly read: number;
  readonly stoppedEarly: boolean;
}

export function searchCasesTool(host: ToolHost): ToolHandler<SearchInput> {
  return {
    spec: SEARCH_CASES,
    prepare: () => Promise.resolve({ kind: 'read', invocationMessage: l10n.t('Searching Axway Support cases') }),
    async run(input, signal) {
      const choice = await chooseAccounts(host, input.account, true);
      if (!choice.ok) {
        return failure(SEARCH_CASES.name, 'No cases were searched.', choice.error);
      }
      const words = (input.text ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
      const limit = input.limit ?? SEARCH_LIMIT_DEFAULT;
      const query = queryOf(input, (host.now ?? Date.now)());
      const found: { readonly account: ToolAccount; readonly summary: CaseSummary }[] = [];
      const failed: { readonly account: string; readonly error: ToolError }[] = [];
      let read = 0;
      let stoppedEarly = false;
      for (const account of choice.accounts) {
        try {
          const result = await searchAccount(await host.api(account.id), query, limit, signal);
          read += result.read;
          stoppedEarly ||= result.stoppedEarly;
          found.push(...result.cases.filter((c) => matches(c, words)).map((summary) => ({ account, summary })));
        } catch (err) {
          failed.push({ account: account.id, error: apiError(err) });
        }
      }
      const only = choice.accounts.length === 1 ? choice.accounts[0] : undefined;
      if (failed.length === choice.accounts.length) {
        return failure(SEARCH_CASES.name, 'The cases could not be read.', failed[0].error, only);
      }
      const data = {
        matchedCount: found.length,
        readCount: read,
        stoppedEarly,
        ...(choice.accounts.length > 1 ? { accounts: choice.accounts } : {}),
        cases: found.map(({ account, summary }) => ({
          number: summary.caseNumber,
          subject: summary.subject,
          status: summary.status,
          severity: summary.severity,
          type: summary.type,
          modified: summary.modifiedDate ?? null,
          account: account.id
        })),
        ...(failed.length > 0 ? { failedAccounts: failed } : {})
      };
      return success(SEARCH_CASES.name, summaryLine(words.length > 0, found.length, read, stoppedEarly, only, failed.length), only, data);
    }
  };
}

/** The filter as Filter Cases… sends it, plus "updated within" for any number of days. */
function queryOf(input: SearchInput, now: number): CaseQuery | undefined {
  const filter: CaseFilter = {
    state: input.state ?? 'all',
    ...(input.statuses && input.statuses.length > 0 ? { statuses: input.statuses } : {}),
    ...(input.types && input.types.length > 0 ? { types: input.types } : {}),
    ...(input.supportAccessCode ? { sac: input.supportAccessCode } : {})
  };
  const query = queryFor(filter, now);
  if (input.updatedWithinDays === undefined) {
    return query;
  }
  // `before` a day ahead, as the list does: a clock a little behind the server's misses nothing.
  return { ...query, updated: { after: new Date(now - input.updatedWithinDays * DAY_MS), before: new Date(now + DAY_MS) } };
}

/** Reads the newest `limit` cases page by page; stops at a short page or the API's total. */
async function searchAccount(api: SupportApiClient, query: CaseQuery | undefined, limit: number, signal?: AbortSignal): Promise<AccountSearch> {
  const cases: CaseSummary[] = [];
  let offset = 0;
  for (;;) {
    const size = Math.min(PAGE, limit - offset);
    const page = await api.listCases({ limit: size, offset, sort: sortKeys('modified'), ...(query ? { query } : {}) }, signal);
    cases.push(...page.cases);
    const received = page.receivedCount ?? page.cases.length;
    offset += received;
    const exhausted = received < size || (page.totalCount !== undefined && offset >= page.totalCount);
    if (exhausted) {
      return { cases, read: offset, stoppedEarly: false };
    }
    if (offset >= limit) {
      // Full pages up to the limit: more cases match the filters (or may, when the API gave no total).
      return { cases, read: offset, stoppedEarly: true };
    }
  }
}

/** Every word in the number or the subject, case-insensitively; no words: every case. */
function matches(summary: CaseSummary, words: readonly string[]): boolean {
  const haystack = `${summary.caseNumber} ${summary.subject}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

function summaryLine(searched: boolean, matched: number, read: number, stoppedEarly: boolean, account: ToolAccount | undefined, failedAccounts: number): string {
  const where = account ? ` (${accountPhrase(account)})` : '';
  const what = searched ? `${matched} of the ${read} newest cases match${matched === 1 ? 'es' : ''} the text${where}.` : `Listed ${read} case${read === 1 ? '' : 's'}${where}.`;
  const more = stoppedEarly ? ' More cases match the filters than were read: narrow them or raise the limit.' : '';
  const failed = failedAccounts > 0 ? ` ${failedAccounts} account${failedAccounts === 1 ? '' : 's'} could not be read (see failedAccounts).` : '';
  return `${what}${more}${failed}`;
}
