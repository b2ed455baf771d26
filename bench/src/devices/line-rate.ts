// What a serial line can carry: bits on the wire per character and the protocol limits that follow from them.
// A UART frame is 1 start bit + data bits + a parity bit (if any) + stop bits.

export interface LineSettings {
  baudRate: number;
  dataBits: 5 | 6 | 7 | 8;
  parity: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits: 1 | 1.5 | 2;
}

export function bitsPerCharacter(s: LineSettings): number {
  return 1 + s.dataBits + (s.parity === 'none' ? 0 : 1) + s.stopBits;
}

/** Characters per second the line carries when it is never idle (115200 8N1 → 11,520). */
export function lineCharactersPerSecond(s: LineSettings): number {
  return s.baudRate / bitsPerCharacter(s);
}

/** Request/answer dialogues per second at most: every byte both ways crosses the one half-duplex exchange in turn. */
export function maxRoundTripsPerSecond(s: LineSettings, roundTripBytes: number): number {
  return lineCharactersPerSecond(s) / roundTripBytes;
}
