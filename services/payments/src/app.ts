// The payments service; see README.
export {};
