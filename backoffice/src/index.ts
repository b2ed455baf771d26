// backoffice workspace entry
export {};
