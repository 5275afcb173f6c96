/**
 * A read shared by the requests that ask for the same thing while it is under way: under load
 * many buyers ask at once. Nothing is kept once the read ends, so an answer comes from a read
 * that started at most one read's time before its request arrived. A failed read fails all who
 * shared it; the next request reads again.
 */
export function sharedReads<A extends unknown[], T>(keyOf: (...args: A) => string, read: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  const reading = new Map<string, Promise<T>>();
  return (...args) => {
    const key = keyOf(...args);
    let pending = reading.get(key);
    if (!pending) {
      pending = read(...args).finally(() => reading.delete(key));
      reading.set(key, pending);
    }
    return pending;
  };
}
