// db workspace entry
export {};
