// Receipt printers. ESC/POS is the one command set we drive; the paper picture is shared with label printers.
export * from './escpos';
