// The pool service; see README.
export {};
