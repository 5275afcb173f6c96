// The ticketing service; see README.
export {};
