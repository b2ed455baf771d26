// Decoding (driver side) and building (emulator side) of the one-byte answers to DLE EOT n.

import { DomainError } from '@kasa/domain';
import { STATUS_BITS, STATUS_FIXED, type StatusKind } from './protocol';

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  /** Pin 3 of the drawer connector reads HIGH; on the drawers we sell that means the drawer is open. */
  drawerOpen: boolean;
  cutterError: boolean;
  unrecoverableError: boolean;
}

export const READY_STATUS: PrinterStatus = {
  online: true, coverOpen: false, paperOut: false, paperNearEnd: false, drawerOpen: false, cutterError: false, unrecoverableError: false,
};

/** A status byte always has bits 1 and 4 set and bits 0 and 7 clear; anything else is line noise. */
export function isStatusByte(b: number): boolean {
  return (b & 0x93) === STATUS_FIXED;
}

/** Folds the answers to DLE EOT 1..4 (whichever were asked) into one status. */
export function decodeStatus(answers: Partial<Record<StatusKind, number>>): PrinterStatus {
  const s = { ...READY_STATUS };
  for (const [kind, b] of Object.entries(answers) as [StatusKind, number][]) {
    if (!isStatusByte(b)) throw new DomainError('escpos.status_invalid', { kind, byte: b });
    if (kind === 'printer') {
      s.online = (b & STATUS_BITS.printer.offline) === 0;
      s.drawerOpen = (b & STATUS_BITS.printer.drawerPin3High) !== 0;
    } else if (kind === 'offline') {
      s.coverOpen ||= (b & STATUS_BITS.offline.coverOpen) !== 0;
      s.paperOut ||= (b & STATUS_BITS.offline.paperEndStop) !== 0;
    } else if (kind === 'error') {
      s.cutterError = (b & STATUS_BITS.error.cutter) !== 0;
      s.unrecoverableError = (b & STATUS_BITS.error.unrecoverable) !== 0;
    } else if (kind === 'paper') {
      s.paperNearEnd = (b & STATUS_BITS.paper.nearEnd) === STATUS_BITS.paper.nearEnd;
      s.paperOut ||= (b & STATUS_BITS.paper.end) === STATUS_BITS.paper.end;
    }
  }
  return s;
}

/** The byte a printer in state `s` answers to DLE EOT of this kind. */
export function encodeStatus(kind: StatusKind, s: PrinterStatus): number {
  let b = STATUS_FIXED;
  const offline = !s.online || s.coverOpen || s.paperOut || s.cutterError || s.unrecoverableError;
  if (kind === 'printer') {
    if (offline) b |= STATUS_BITS.printer.offline;
    if (s.drawerOpen) b |= STATUS_BITS.printer.drawerPin3High;
  } else if (kind === 'offline') {
    if (s.coverOpen) b |= STATUS_BITS.offline.coverOpen;
    if (s.paperOut) b |= STATUS_BITS.offline.paperEndStop;
    if (s.cutterError || s.unrecoverableError) b |= STATUS_BITS.offline.error;
  } else if (kind === 'error') {
    if (s.cutterError) b |= STATUS_BITS.error.cutter;
    if (s.unrecoverableError) b |= STATUS_BITS.error.unrecoverable;
  } else {
    if (s.paperNearEnd || s.paperOut) b |= STATUS_BITS.paper.nearEnd;
    if (s.paperOut) b |= STATUS_BITS.paper.end;
  }
  return b;
}
