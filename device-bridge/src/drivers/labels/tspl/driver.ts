// TSPL label printer driver: fills a template and sends one job per item.

import type { Transport } from '../../../transports/transport';
import { fillTemplate, type LabelItem, type LabelTemplate } from '../templates';
import { encodeTspl } from './codec';

export class TsplPrinter {
  constructor(private readonly transport: Transport) {}

  open(): Promise<void> {
    return this.transport.open();
  }

  printLabel(template: LabelTemplate, item: LabelItem, copies = 1): Promise<void> {
    return this.transport.write(encodeTspl(fillTemplate(template, item, copies)));
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
