// A codec is a pure pair: typed command → bytes, and a streaming decoder bytes → frames/events.
// Drivers add timeouts, retries and state on top; emulators use the same codec from the device's side.

export interface Decoder<Frame> {
  /** Feeds bytes as they arrive (split anywhere, with noise); returns the complete frames found so far. */
  push(chunk: Uint8Array): Frame[];
  reset(): void;
}

export interface DeviceEmulator {
  /** Kind name as used by `npm run emulator -- <kind>`. */
  readonly kind: string;
  /** Handles bytes the host sent; the emulator answers through the send function it was built with. */
  receive(chunk: Uint8Array): void;
}
