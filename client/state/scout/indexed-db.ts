/**
 * A small promise wrapper around IndexedDB: open with an upgrade callback,
 * turn a request into a promise, run a function inside one transaction. Only
 * IndexedDB requests may be awaited inside `inTransaction`, or the browser
 * commits the transaction early.
 */
export function requestOf<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

export function openDatabase(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: IDBDatabase, oldVersion: number, transaction: IDBTransaction) => void,
): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion, request.transaction!);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab opened a newer version: close, so its upgrade is not blocked by this one.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error(`cannot open IndexedDB ${name}`));
    request.onblocked = () => reject(new Error(`IndexedDB ${name} is blocked by another tab`));
  });
}

/** Runs `body` in one transaction and resolves with its value once the transaction has committed. */
export function inTransaction<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  body: (transaction: IDBTransaction) => Promise<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(stores, mode, { durability: 'strict' });
    let value: T;
    transaction.oncomplete = () => resolve(value);
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    body(transaction).then(
      (result) => {
        value = result;
      },
      (error: unknown) => {
        try {
          transaction.abort();
        } catch {
          // Already finished: its own error handler has rejected.
        }
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
