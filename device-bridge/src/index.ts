// @kasa/device-bridge: start the bridge, and the pieces other parts reuse (transports, jobs, config).
export { startBridge, type StartBridgeOptions, type RunningBridge, type BridgeContext, type DeviceAdapter } from './service';
export * from './config';
export { JobStore, JobRunner, type Job, type JobState } from './jobs';
export { openPtyPair, createTransport, type Transport, type PtyPair } from './transports';
