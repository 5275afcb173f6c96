// Where the last rotation is left for other tabs: IndexedDB, because a committed IndexedDB
// write is seen by every tab that reads after it, while each tab's copy of localStorage
// catches up with other tabs' writes only eventually.

const DATABASE = 'clove-session';
const STORE = 'rotations';
const LATEST = 'latest';

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs one request in a transaction and answers once the transaction has committed. */
async function inTransaction<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

export function readRotation(): Promise<unknown> {
  return inTransaction('readonly', (store) => store.get(LATEST));
}

export async function writeRotation(record: unknown): Promise<void> {
  await inTransaction('readwrite', (store) => store.put(record, LATEST));
}
