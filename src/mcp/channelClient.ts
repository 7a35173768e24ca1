// The MCP server's end of the private channel: connects to the address VS Code put in its environment, says hello
// with the one-time key, then sends requests and waits for their answers. An aborted request is cancelled on the
// other side too. When the extension's window closes, the connection ends and every waiting request fails with a
// message that says what to do.
// No vscode import: this runs in the MCP server process.

import * as net from 'net';
import { ChannelEnd, readLines } from './channelEnd';
import { asResponse, ChannelError, encodeLine, HELLO, type ChannelResponse } from './channelProtocol';

const CLOSED_MESSAGE = 'The connection to VS Code ended (its window was closed or reloaded). Restart the "Axway Support" MCP server from VS Code.';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

export class ChannelClient extends ChannelEnd {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  private constructor(private readonly socket: net.Socket) {
    super();
    readLines(
      socket,
      (line) => {
        const response = asResponse(line);
        if (response) {
          this.settle(response);
        }
      },
      () => socket.destroy()
    );
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.close());
  }

  /** Connects and presents the key; rejects when the channel refuses it or cannot be reached. */
  static async connect(address: string, key: string): Promise<ChannelClient> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect(address);
      s.once('connect', () => {
        s.off('error', reject);
        resolve(s);
      });
      s.once('error', reject);
    });
    const client = new ChannelClient(socket);
    await client.request(HELLO, { key });
    return client;
  }

  request(method: string, params?: unknown, signal?: AbortSignal): Promise<unknown> {
    if (this.isClosed) {
      return Promise.reject(new ChannelError(CLOSED_MESSAGE, 'closed'));
    }
    if (signal?.aborted) {
      return Promise.reject(new ChannelError('Cancelled.', 'cancelled'));
    }
    const id = this.nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const onAbort = (): void => {
        this.pending.delete(id);
        if (!this.isClosed) {
          this.socket.write(encodeLine({ cancel: id }));
        }
        reject(new ChannelError('Cancelled.', 'cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        }
      });
      this.socket.write(encodeLine({ id, method, params }));
    });
  }

  dispose(): void {
    this.socket.destroy();
    this.close();
  }

  private settle(response: ChannelResponse): void {
    const pending = this.pending.get(response.id);
    if (!pending) {
      return;
    }
    this.pending.delete(response.id);
    if (response.error) {
      pending.reject(new ChannelError(response.error.message, response.error.code));
    } else {
      pending.resolve(response.result);
    }
  }

  /** Every waiting request fails with a message that says what to do. */
  private close(): void {
    this.finish(() => {
      for (const pending of this.pending.values()) {
        pending.reject(new ChannelError(CLOSED_MESSAGE, 'closed'));
      }
      this.pending.clear();
    });
  }
}
