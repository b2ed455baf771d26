// Emulators available in this build, by device kind. A kind appears here once its driver folder ships an emulator.
import type { DeviceKind } from '../config/config';
import type { EmulatorFactory } from './host';

export const emulatorCatalog: Partial<Record<DeviceKind, EmulatorFactory>> = {};
