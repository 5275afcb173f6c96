/**
 * A value read at most once per period however many requests ask for it (one load in flight
 * at a time). `forget` drops it, e.g. after this instance changed what it reflects.
 */
export class Snapshot<T> {
  private value: { data: T; at: number } | null = null;
  private loading: Promise<T> | null = null;

  constructor(private readonly load: () => Promise<T>, private readonly maxAgeMs: number) {}

  get(): Promise<T> {
    if (this.value && Date.now() - this.value.at < this.maxAgeMs) return Promise.resolve(this.value.data);
    this.loading ??= this.load()
      .then((data) => {
        this.value = { data, at: Date.now() };
        return data;
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  forget(): void {
    this.value = null;
  }
}
