// integrations workspace entry
export {};
