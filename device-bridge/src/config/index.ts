// Bridge configuration: file format, defaults, validation.
export * from './config';
