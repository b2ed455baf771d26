// Customer display driver: shows two lines (item and price, or total) in the shop's code page.

import type { Transport } from '../../transports/transport';
import { encodeClear, encodeInitialize, encodeLines } from './codec';
import type { DisplayCodePage, DisplayProtocol } from './protocols';

export class CustomerDisplay {
  constructor(
    private readonly transport: Transport,
    private readonly protocol: DisplayProtocol,
    private readonly codePage: DisplayCodePage,
  ) {}

  async open(): Promise<void> {
    await this.transport.open();
    await this.transport.write(encodeInitialize(this.protocol, this.codePage));
  }

  show(upper: string, lower: string): Promise<void> {
    return this.transport.write(encodeLines(this.protocol, upper, lower, this.codePage));
  }

  clear(): Promise<void> {
    return this.transport.write(encodeClear(this.protocol));
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
