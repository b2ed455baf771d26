// ZPL label printer driver: fills a template and sends one format per item.

import type { Transport } from '../../../transports/transport';
import { fillTemplate, type LabelItem, type LabelTemplate } from '../templates';
import { encodeZpl } from './codec';

export class ZplPrinter {
  constructor(private readonly transport: Transport) {}

  open(): Promise<void> {
    return this.transport.open();
  }

  printLabel(template: LabelTemplate, item: LabelItem, copies = 1): Promise<void> {
    return this.transport.write(encodeZpl(fillTemplate(template, item, copies)));
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
