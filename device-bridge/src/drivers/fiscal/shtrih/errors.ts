// Shtrih-M answer error byte → stable error keys the bridge translates (texts from the protocol manual's error table).
import { DomainError } from '@kasa/domain';

export const SHTRIH_ERRORS: Record<number, { key: string; text: string }> = {
  0x00: { key: 'fiscal.ok', text: 'no error' },
  0x01: { key: 'fiscal.fn_unknown_command', text: 'fiscal storage: unknown command or invalid format' },
  0x02: { key: 'fiscal.fn_invalid_state', text: 'fiscal storage: invalid state' },
  0x03: { key: 'fiscal.fn_failure', text: 'fiscal storage failure' },
  0x08: { key: 'fiscal.fn_no_data', text: 'fiscal storage: no requested data' },
  0x16: { key: 'fiscal.fn_shift_over_24h', text: 'fiscal storage: shift longer than 24 hours' },
  0x33: { key: 'fiscal.invalid_parameters', text: 'invalid parameters in command' },
  0x37: { key: 'fiscal.command_not_implemented', text: 'command not supported by this register' },
  0x45: { key: 'fiscal.payments_less_than_total', text: 'sum of payments less than receipt total' },
  0x46: { key: 'fiscal.insufficient_cash', text: 'not enough cash in the register' },
  0x4a: { key: 'fiscal.check_open', text: 'check open — operation impossible' },
  0x4b: { key: 'fiscal.check_buffer_full', text: 'check buffer overflow' },
  0x4d: { key: 'fiscal.cashless_exceeds_total', text: 'cashless payment exceeds receipt total' },
  0x4e: { key: 'fiscal.shift_over_24h', text: 'shift more than 24 hours' },
  0x4f: { key: 'fiscal.invalid_password', text: 'invalid password' },
  0x50: { key: 'fiscal.printing_previous_command', text: 'printing previous command' },
  0x58: { key: 'fiscal.waiting_continue_print', text: 'waiting for continue print command' },
  0x5e: { key: 'fiscal.invalid_operation', text: 'invalid operation' },
  0x5f: { key: 'fiscal.negative_check_total', text: 'negative receipt total' },
  0x6b: { key: 'fiscal.no_check_paper', text: 'no check paper' },
  0x6c: { key: 'fiscal.no_journal_paper', text: 'no journal paper' },
  0x71: { key: 'fiscal.cutter_failure', text: 'cutter failure' },
  0x72: { key: 'fiscal.not_supported_in_submode', text: 'command not supported in this submode' },
  0x73: { key: 'fiscal.not_supported_in_mode', text: 'command not supported in this mode' },
  0x8e: { key: 'fiscal.zero_check_total', text: 'zero receipt total' },
};

export function shtrihErrorKey(code: number): string {
  return SHTRIH_ERRORS[code]?.key ?? 'fiscal.device_error';
}

export function shtrihError(code: number, command: number): DomainError {
  return new DomainError(shtrihErrorKey(code), { code: `0x${code.toString(16).padStart(2, '0')}`, command: `0x${command.toString(16)}` });
}
