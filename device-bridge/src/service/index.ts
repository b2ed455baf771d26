// The bridge service: HTTP + socket.io, devices, job handlers.
export { startBridge, type StartBridgeOptions, type RunningBridge } from './bridge';
export type { BridgeContext } from './server';
export type { DeviceAdapter, DeviceRegistry, DeviceStatus, Weight } from './devices';
export { translate, pickLanguage } from './i18n';
