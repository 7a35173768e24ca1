// The private channel between the MCP server process and the extension host that started it: what travels on it and
// how. One JSON object per line, both ways. The first line a connection sends must be `hello` with the one-time key
// from the server's environment; everything after that is a request ({id, method, params}) answered by one
// response ({id, result} or {id, error}), or a cancel ({cancel: id}) for a request still running.
// No vscode import: both ends (dist/mcpHost.js in the extension host, dist/mcp.js in the server) use it.

/** Where the channel listens (a Unix socket path or a Windows named pipe): not secret, it admits nobody without the key. */
export const CHANNEL_ADDRESS_ENV = 'AXWAY_SUPPORT_MCP_CHANNEL';
/** The path of VS Code's translation bundle for the display language (nothing secret): the tools' titles follow it. */
export const L10N_BUNDLE_ENV = 'AXWAY_SUPPORT_MCP_L10N';
/** The one-time key: valid for exactly one connection, and only until the extension's window closes. */
export const CHANNEL_KEY_ENV = 'AXWAY_SUPPORT_MCP_KEY';

/** A line longer than this ends the connection: nothing legitimate on the channel comes near it. */
export const MAX_LINE_BYTES = 1024 * 1024;

export const HELLO = 'hello';

export interface ChannelRequest {
  readonly id: number;
  readonly method: string;
  readonly params?: unknown;
}

export interface ChannelCancel {
  readonly cancel: number;
}

export interface ChannelResponse {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { readonly message: string; readonly code?: string };
}

/** Error codes the server side can act on; any other failure only carries its message. */
export type ChannelErrorCode = 'refused' | 'unknownMethod' | 'badRequest' | 'cancelled' | 'closed';

export class ChannelError extends Error {
  constructor(
    message: string,
    readonly code?: string
  ) {
    super(message);
    this.name = 'ChannelError';
  }
}

/** Splits a byte stream into parsed JSON lines; refuses a line over the limit and anything that is not JSON. */
export class LineReader {
  private buffer = '';
  private bytes = 0;

  constructor(private readonly maxLineBytes = MAX_LINE_BYTES) {}

  /** The complete lines in this chunk, parsed. Throws on an over-long line or one that is not JSON. */
  push(chunk: Buffer | string): unknown[] {
    const text = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    const values: unknown[] = [];
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      const line = this.buffer + text.slice(start, end);
      this.buffer = '';
      this.bytes = 0;
      start = end + 1;
      if (Buffer.byteLength(line, 'utf8') > this.maxLineBytes) {
        throw new ChannelError('A message on the channel is too long.', 'badRequest');
      }
      if (line.trim() !== '') {
        values.push(JSON.parse(line) as unknown);
      }
    }
    const rest = text.slice(start);
    this.bytes += Buffer.byteLength(rest, 'utf8');
    if (this.bytes > this.maxLineBytes) {
      throw new ChannelError('A message on the channel is too long.', 'badRequest');
    }
    this.buffer += rest;
    return values;
  }
}

export function encodeLine(value: ChannelRequest | ChannelResponse | ChannelCancel): string {
  return `${JSON.stringify(value)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRequest(value: unknown): ChannelRequest | undefined {
  if (!isRecord(value) || typeof value.id !== 'number' || !Number.isSafeInteger(value.id) || typeof value.method !== 'string') {
    return undefined;
  }
  return { id: value.id, method: value.method, params: value.params };
}

export function asCancel(value: unknown): ChannelCancel | undefined {
  return isRecord(value) && typeof value.cancel === 'number' ? { cancel: value.cancel } : undefined;
}

export function asResponse(value: unknown): ChannelResponse | undefined {
  if (!isRecord(value) || typeof value.id !== 'number') {
    return undefined;
  }
  const error = value.error;
  if (error !== undefined) {
    if (!isRecord(error) || typeof error.message !== 'string') {
      return undefined;
    }
    return { id: value.id, error: { message: error.message, code: typeof error.code === 'string' ? error.code : undefined } };
  }
  return { id: value.id, result: value.result };
}

/** The hello's key, or undefined when the line is not a well-formed hello. */
export function helloKey(request: ChannelRequest): string | undefined {
  if (request.method !== HELLO || !isRecord(request.params)) {
    return undefined;
  }
  return typeof request.params.key === 'string' ? request.params.key : undefined;
}
