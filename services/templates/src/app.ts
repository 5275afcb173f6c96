// The templates service; see README.
export {};
