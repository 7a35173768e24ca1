// The extension host's end of the private channel: a local socket (a Unix socket in a fresh 0700 folder, or a named
// pipe on Windows) with a random name, and a one-time key. The first connection that says hello with the key claims
// the channel; from then on nobody else can connect (the socket stops listening and its file is removed). A wrong key,
// a second use of the key, or anything but a hello first is refused and the connection closed. The channel closes
// when its claimed connection ends, when a key is left unclaimed too long, or when it is disposed (the window closes).
// No vscode import: the unit suite runs it in plain Node.

import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import { promises as fs } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { ChannelEnd, readLines } from './channelEnd';
import { asCancel, asRequest, ChannelError, encodeLine, helloKey, type ChannelResponse } from './channelProtocol';

/** Answers one method; `signal` aborts when the server cancels the request or the connection ends. */
export type ChannelHandler = (params: unknown, signal: AbortSignal) => Promise<unknown>;

export interface ChannelServerOptions {
  readonly handlers: Readonly<Record<string, ChannelHandler>>;
  /** A connection must say hello within this time (default 10 s). */
  readonly helloTimeoutMs?: number;
  /** An unclaimed key expires after this (default 2 minutes): the server it was made for never came. */
  readonly claimTimeoutMs?: number;
  /** Told about refusals and failures; never receives the key or a handler's result. */
  readonly log?: (message: string) => void;
}

/** What the MCP server's environment receives. */
export interface ChannelAddress {
  readonly address: string;
  readonly key: string;
}

const DEFAULT_HELLO_TIMEOUT_MS = 10_000;
const DEFAULT_CLAIM_TIMEOUT_MS = 120_000;

export class PrivateChannel extends ChannelEnd {
  private readonly server: net.Server;
  private readonly keyHash: Buffer;
  private claimed = false;
  private readonly sockets = new Set<net.Socket>();
  private readonly claimTimer: NodeJS.Timeout;

  private constructor(
    readonly address: string,
    readonly key: string,
    private readonly folder: string | undefined,
    private readonly options: ChannelServerOptions
  ) {
    super();
    this.keyHash = hash(key);
    this.server = net.createServer((socket) => this.accept(socket));
    this.claimTimer = setTimeout(() => {
      if (!this.claimed) {
        this.log('An MCP server did not connect in time; its channel is closed.');
        this.dispose();
      }
    }, options.claimTimeoutMs ?? DEFAULT_CLAIM_TIMEOUT_MS);
    this.claimTimer.unref();
  }

  /** Opens a channel on a fresh random address with a fresh one-time key. */
  static async open(options: ChannelServerOptions): Promise<PrivateChannel> {
    const name = randomBytes(16).toString('hex');
    const key = randomBytes(32).toString('base64url');
    let folder: string | undefined;
    let address: string;
    if (process.platform === 'win32') {
      address = `\\\\.\\pipe\\axway-support-mcp-${name}`;
    } else {
      // mkdtemp creates the folder with mode 0700: no other user can reach the socket inside it.
      folder = await fs.mkdtemp(path.join(os.tmpdir(), 'axway-mcp-'));
      address = path.join(folder, `${name.slice(0, 12)}.sock`);
    }
    const channel = new PrivateChannel(address, key, folder, options);
    await channel.listen();
    return channel;
  }

  dispose(): void {
    this.finish(() => {
      clearTimeout(this.claimTimer);
      this.stopListening();
      for (const socket of this.sockets) {
        socket.destroy();
      }
      this.sockets.clear();
    });
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.address, () => {
        this.server.off('error', reject);
        this.server.on('error', (err) => this.log(`The MCP channel failed: ${err.message}`));
        resolve();
      });
    });
  }

  private stopListening(): void {
    if (this.server.listening) {
      this.server.close();
    }
    if (this.folder) {
      // The server removes its socket file on close; the folder goes with it. Nothing to wait for.
      void fs.rm(this.folder, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private accept(socket: net.Socket): void {
    if (this.isClosed || this.claimed) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    let session: Session | undefined;
    /** A refused connection gets no second try: whatever else it sends is dropped until it is gone. */
    let refused = false;
    const refuse = (why: string, id?: number): void => {
      refused = true;
      this.refuse(socket, why, id);
    };
    const helloTimer = setTimeout(() => refuse('sent no hello in time'), this.options.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS);
    readLines(
      socket,
      (line) => {
        if (refused) {
          return;
        }
        if (session) {
          session.receive(line);
          return;
        }
        clearTimeout(helloTimer);
        session = this.hello(line, socket, refuse);
      },
      () => {
        if (refused) {
          return;
        }
        clearTimeout(helloTimer);
        if (session) {
          // The claimed server broke the protocol: the channel closes with its connection.
          socket.destroy();
        } else {
          refuse('sent a malformed message');
        }
      }
    );
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      clearTimeout(helloTimer);
      this.sockets.delete(socket);
      session?.abortAll();
      if (session) {
        // The server that claimed the channel is gone: nobody may take its place.
        this.dispose();
      }
    });
  }

  /** Checks the first line; returns the session of a connection that presented the key. */
  private hello(line: unknown, socket: net.Socket, refuse: (why: string, id?: number) => void): Session | undefined {
    const request = asRequest(line);
    const key = request ? helloKey(request) : undefined;
    if (!request || key === undefined) {
      refuse('did not start with a hello', request?.id);
      return undefined;
    }
    if (!timingSafeEqual(hash(key), this.keyHash)) {
      refuse('presented a wrong key', request.id);
      return undefined;
    }
    if (this.claimed) {
      refuse('presented a key that was already used', request.id);
      return undefined;
    }
    this.claimed = true;
    clearTimeout(this.claimTimer);
    // Claimed: stop listening, so no other process can even connect.
    this.stopListening();
    for (const other of this.sockets) {
      if (other !== socket) {
        other.destroy();
      }
    }
    const session = new Session(socket, this.options.handlers, (message) => this.log(message));
    session.send({ id: request.id, result: { ok: true } });
    return session;
  }

  private refuse(socket: net.Socket, why: string, id?: number): void {
    this.log(`Refused a connection to the MCP channel: it ${why}.`);
    if (id !== undefined && socket.writable) {
      // The answer says why, then the connection ends (destroyed once the answer is written).
      socket.end(encodeLine({ id, error: { message: 'Refused: this channel belongs to another process.', code: 'refused' } }), () => socket.destroy());
    } else {
      socket.destroy();
    }
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

/** The claimed connection: runs requests through the handlers, each with an AbortSignal the server can cancel. */
class Session {
  private readonly running = new Map<number, AbortController>();

  constructor(
    private readonly socket: net.Socket,
    private readonly handlers: Readonly<Record<string, ChannelHandler>>,
    private readonly log: (message: string) => void
  ) {}

  receive(line: unknown): void {
    const cancel = asCancel(line);
    if (cancel) {
      this.running.get(cancel.cancel)?.abort();
      return;
    }
    const request = asRequest(line);
    if (!request) {
      this.log('The MCP server sent a message that is not a request; it was ignored.');
      return;
    }
    void this.run(request.id, request.method, request.params);
  }

  abortAll(): void {
    for (const controller of this.running.values()) {
      controller.abort();
    }
    this.running.clear();
  }

  send(response: ChannelResponse): void {
    if (this.socket.writable) {
      this.socket.write(encodeLine(response));
    }
  }

  private async run(id: number, method: string, params: unknown): Promise<void> {
    const handler = Object.prototype.hasOwnProperty.call(this.handlers, method) ? this.handlers[method] : undefined;
    if (!handler) {
      this.send({ id, error: { message: `Unknown method "${method}".`, code: 'unknownMethod' } });
      return;
    }
    const controller = new AbortController();
    this.running.set(id, controller);
    try {
      const result = await handler(params, controller.signal);
      this.send({ id, result });
    } catch (err) {
      const code = err instanceof ChannelError ? err.code : controller.signal.aborted ? 'cancelled' : kindOf(err);
      this.send({ id, error: { message: err instanceof Error ? err.message : String(err), code } });
    } finally {
      this.running.delete(id);
    }
  }
}

/** An ApiError's kind ('notSignedIn', 'credentialsRejected', ...), so the server can report it as the same kind. */
function kindOf(err: unknown): string | undefined {
  const kind = err instanceof Error ? (err as Error & { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' ? kind : undefined;
}

function hash(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
