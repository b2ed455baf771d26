// The picture of a printed paper (receipt roll or label) that emulators write beside their .txt record.
export { PaperCanvas } from './canvas';
export { ean13Modules, code128Modules, qrLikeMatrix } from './symbols';
export { CELL_WIDTH, CELL_HEIGHT } from './font';
