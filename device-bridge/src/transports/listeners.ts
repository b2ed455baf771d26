// A small fan-out of incoming byte chunks shared by every transport.
export class DataListeners {
  private readonly listeners = new Set<(chunk: Uint8Array) => void>();
  add(listener: (chunk: Uint8Array) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(chunk: Uint8Array): void {
    for (const l of this.listeners) l(chunk);
  }
}
