// Emulators: the catalog of device emulators and the host that runs them on pty pairs.
export * from './host';
export { emulatorCatalog } from './catalog';
