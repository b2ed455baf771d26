// device-bridge workspace entry
export {};
