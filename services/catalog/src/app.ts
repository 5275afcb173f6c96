// The catalog service; see README.
export {};
