// create case: product, version and operating system by NAME (a wrong name answers with the valid ones), the
// organisation's account from GET /account when it has only one, then POST /case through the one write path. The
// lists asked for while preparing the confirmation are kept a few minutes, so the confirmed call asks no more than
// the New Case form does (GET /account, GET /product, POST /case).

import * as l10n from '@vscode/l10n';
import type { ProductOption, SupportAccount } from '../api/types';
import { BUSINESS_SERVICE_REQUEST } from '../cases/newCaseRules';
import type { ToolHandler } from './catalogue';
import { senderOf } from './contact';
import { intentId } from './digest';
import { accountPhrase, apiError, failure } from './output';
import { CREATE_CASE } from './specs';
import type { Preparation, ToolAccount, ToolHost, ToolOutput } from './types';
import { alreadySentOutput, intentOf, repeatWarning, unknownRepeatOutput, type SendIntent } from './repeats';
import { writeOutput } from './writeResult';

export interface CreateCaseInput {
  readonly subject: string;
  readonly description: string;
  readonly product: string;
  readonly version: string;
  readonly operatingSystem: string;
  readonly impact: string;
  readonly urgency: string;
  readonly environment: string;
  readonly type?: string;
  readonly supportAccessCode?: string;
  readonly account?: string;
  /** The sentId of the creation to repeat (repeats.ts): only when the person wants a second, separate case. */
  readonly repeatOf?: string;
}

interface ReadyCase {
  readonly account: ToolAccount;
  readonly contact: string;
  readonly sac: SupportAccount;
  readonly product: ProductOption;
  readonly version: { readonly id: string; readonly name: string };
  readonly os: { readonly id: string; readonly name: string };
  readonly input: CreateCaseInput;
}

/** How long lists read for a confirmation are reused by the call that follows it. */
const LIST_TTL_MS = 5 * 60 * 1000;

class ListCache<T> {
  private readonly entries = new Map<string, { readonly at: number; readonly value: Promise<T> }>();
  constructor(private readonly now: () => number) {}
  get(key: string, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.at < LIST_TTL_MS) {
      return entry.value;
    }
    const value = load();
    this.entries.set(key, { at: this.now(), value });
    // A failure is not kept: the next call asks again.
    value.catch(() => this.entries.delete(key));
    return value;
  }
}

export function createCaseTool(host: ToolHost): ToolHandler<CreateCaseInput> {
  const now = host.now ?? Date.now;
  const organisations = new ListCache<readonly SupportAccount[]>(now);
  const products = new ListCache<readonly ProductOption[]>(now);
  const nothing = 'No case was created.';

  const ready = async (input: CreateCaseInput, signal?: AbortSignal): Promise<ReadyCase | ToolOutput> => {
    const sender = await senderOf(host, CREATE_CASE.name, input.account, nothing);
    if (!sender.ok) {
      return sender.output;
    }
    const { account, contact } = sender;
    const api = await host.api(account.id);
    let sac: SupportAccount | undefined;
    try {
      const known = await organisations.get(account.id, () => api.listAccounts(signal));
      const wanted = input.supportAccessCode?.trim();
      sac = wanted ? known.find((a) => a.sac === wanted || a.name?.trim().toLowerCase() === wanted.toLowerCase()) : known.length === 1 ? known[0] : undefined;
      if (!sac) {
        const message = wanted
          ? 'That support access code is not one of the organisation\'s accounts.'
          : "The organisation has several accounts: ask which one the case is for and give its support access code as supportAccessCode.";
        return failure(CREATE_CASE.name, nothing, { code: 'unknownName', message, choices: known.map((a) => (a.name ? `${a.sac} (${a.name})` : a.sac)) }, account);
      }
    } catch (err) {
      return failure(CREATE_CASE.name, `${nothing} The organisation's accounts could not be read.`, apiError(err), account);
    }
    let offered: readonly ProductOption[];
    try {
      const code = sac.sac;
      offered = await products.get(`${account.id}\u0000${code}`, () => api.listProducts(code, signal));
    } catch (err) {
      return failure(CREATE_CASE.name, `${nothing} The products could not be read.`, apiError(err), account);
    }
    const product = byName(offered, input.product);
    if (!product) {
      return wrongName('product', offered.map((p) => p.name), account);
    }
    const version = byName(product.versions, input.version);
    if (!version) {
      return wrongName(`version of ${product.name}`, product.versions.map((v) => v.name), account);
    }
    const os = byName(product.operatingSystems, input.operatingSystem);
    if (!os) {
      return wrongName(`operating system for ${product.name}`, product.operatingSystems.map((o) => o.name), account);
    }
    return { account, contact, sac, product, version, os, input };
  };

  const wrongName = (what: string, names: readonly string[], account: ToolAccount): ToolOutput =>
    failure(CREATE_CASE.name, `${nothing} No ${what} has that name.`, { code: 'unknownName', message: `Use one of the valid names for the ${what} (see choices) and call again.`, choices: names }, account);

  /** The case and what it amounts to given earlier sends: a first creation, already created, or a repeat. */
  const planned = async (input: CreateCaseInput, signal?: AbortSignal): Promise<{ readonly created: ReadyCase; readonly intent: SendIntent } | ToolOutput> => {
    const created = await ready(input, signal);
    if (!('sac' in created)) {
      return created;
    }
    const type = input.type ?? 'Support Case';
    const draftId = intentId('newCase', [created.sac.sac, input.subject.trim(), input.description.trim(), created.product.id, created.version.id, created.os.id, input.impact, input.urgency, input.environment, type]);
    const intent = await intentOf(host.writes, { kind: 'newCase', account: created.account.id, draftId }, input.repeatOf);
    switch (intent.kind) {
      case 'alreadySent':
        return alreadySentOutput(intent, {
          tool: CREATE_CASE.name,
          account: created.account,
          already: (latest) => `This case was already created${latest.caseNumber ? ` as case ${latest.caseNumber}` : ''} (${accountPhrase(created.account)})`,
          data: (latest) => caseData(input, latest.caseNumber)
        });
      case 'unknownRepeat':
        return unknownRepeatOutput(intent, CREATE_CASE.name, nothing, created.account);
      default:
        return { created, intent };
    }
  };

  const caseData = (input: CreateCaseInput, caseNumber: string | undefined): Record<string, unknown> => ({
    caseNumber: caseNumber ?? null,
    subject: input.subject.trim(),
    portalUrl: caseNumber ? host.portalUrl(caseNumber) ?? null : null
  });

  return {
    spec: CREATE_CASE,
    async prepare(input, signal): Promise<Preparation> {
      const plan = await planned(input, signal);
      const invocationMessage = l10n.t('Creating an Axway Support case');
      if (!('intent' in plan)) {
        return { kind: 'refused', invocationMessage, output: plan };
      }
      const { created, intent } = plan;
      if (intent.kind === 'repeat') {
        return {
          kind: 'write',
          invocationMessage,
          confirmation: { title: l10n.t('Create the same Axway Support case again?'), message: `${repeatWarning('newCase', intent.of, undefined)}\n${confirmationText(created)}` }
        };
      }
      return { kind: 'write', invocationMessage, confirmation: { title: l10n.t('Create this Axway Support case?'), message: confirmationText(created) } };
    },
    async run(input, signal) {
      const plan = await planned(input, signal);
      if (!('intent' in plan)) {
        return plan;
      }
      const { created, intent } = plan;
      const { account } = created;
      const type = input.type ?? 'Support Case';
      const result = await host.writes.submit(
        intent.identity,
        () =>
          Promise.resolve({
            kind: 'newCase' as const,
            input: {
              sac: created.sac.sac,
              contact: created.contact,
              subject: input.subject.trim(),
              description: input.description.trim(),
              product: { id: created.product.id, os: { id: created.os.id }, version: { id: created.version.id } },
              environment: input.environment,
              impact: input.impact,
              urgency: input.urgency,
              type
            }
          }),
        { signal, ...(intent.kind === 'repeat' ? { repeats: intent.repeats } : {}) }
      );
      const number = result.kind === 'done' ? result.landed.caseNumber : undefined;
      return writeOutput(
        result,
        { tool: CREATE_CASE.name, account, done: `Case ${number ?? ''} was created (${accountPhrase(account)})`.replace('Case  ', 'The case '), notDone: 'No case was created' },
        (caseNumber) => caseData(input, caseNumber)
      );
    }
  };
}

/** Exact name, case and surrounding spaces aside. */
function byName<T extends { readonly name: string }>(options: readonly T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  return options.find((o) => o.name.trim().toLowerCase() === wanted);
}

function confirmationText(c: ReadyCase): string {
  const type = c.input.type ?? 'Support Case';
  return [
    l10n.t('Account: {0}', c.account.label),
    l10n.t('Support access code: {0}', `${c.sac.sac}${c.sac.name ? ` (${c.sac.name})` : ''}`),
    l10n.t('Contact e-mail: {0}', c.contact),
    l10n.t('Type: {0}', type),
    l10n.t('Product: {0}', c.product.name),
    l10n.t('Version: {0}', c.version.name),
    l10n.t('Operating system: {0}', c.os.name),
    l10n.t('Impact: {0}', c.input.impact),
    l10n.t('Urgency: {0}', c.input.urgency),
    l10n.t('Environment: {0}', c.input.environment),
    l10n.t('Subject: {0}', c.input.subject.trim()),
    l10n.t('Description:'),
    c.input.description.trim(),
    ...(type === BUSINESS_SERVICE_REQUEST ? [l10n.t('(No target date is sent.)')] : []),
    l10n.t('Axway Support receives this as a new case.')
  ].join('\n');
}
