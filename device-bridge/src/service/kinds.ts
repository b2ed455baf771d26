// Driver adapters by device kind: how the REST commands reach each driver. A kind appears once its driver exists.
import type { DeviceKind } from '../config/config';
import type { AdapterFactory } from './devices';

export const adapterFactories: Partial<Record<DeviceKind, AdapterFactory>> = {};
