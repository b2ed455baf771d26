// Raw TCP client transport: network receipt printers (port 9100), LAN scales.
import { Socket, connect } from 'node:net';
import type { TcpTransportConfig } from '../config/config';
import type { Transport, TransportStatus } from './transport';
import { DataListeners } from './listeners';

export class TcpTransport implements Transport {
  readonly kind = 'tcp' as const;
  private socket: Socket | undefined;
  private lastError: string | undefined;
  private readonly listeners = new DataListeners();

  constructor(
    private readonly cfg: TcpTransportConfig,
    private readonly connectTimeoutMs = 5000,
  ) {}

  async open(): Promise<void> {
    if (this.socket && !this.socket.destroyed) return;
    const socket = await new Promise<Socket>((res, rej) => {
      const s = connect({ host: this.cfg.host, port: this.cfg.port });
      const timer = setTimeout(() => {
        s.destroy();
        rej(new Error(`connect ${this.cfg.host}:${this.cfg.port} timed out`));
      }, this.connectTimeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        res(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        rej(err);
      });
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.listeners.emit(new Uint8Array(chunk)));
    socket.on('error', (err) => (this.lastError = err.message));
    socket.on('close', () => {
      if (this.socket === socket) this.socket = undefined;
    });
    this.socket = socket;
    this.lastError = undefined;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.socket || this.socket.destroyed) await this.open();
    const socket = this.socket!;
    await new Promise<void>((res, rej) => socket.write(bytes, (err) => (err ? rej(err) : res())));
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.add(listener);
  }

  async close(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (s && !s.destroyed) await new Promise<void>((res) => s.end(() => res()));
    s?.destroy();
  }

  status(): TransportStatus {
    return { open: !!this.socket && !this.socket.destroyed, address: `${this.cfg.host}:${this.cfg.port}`, ...(this.lastError ? { error: this.lastError } : {}) };
  }
}
