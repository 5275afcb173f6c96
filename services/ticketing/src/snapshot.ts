/**
 * A value read at most once per period however many requests ask for it (one load in flight
 * at a time). `forget` drops it, e.g. after this instance changed what it reflects; a load
 * already under way then is neither kept nor handed to later callers, since it may have read
 * the value from before the change.
 */
export class Snapshot<T> {
  private value: { data: T; at: number } | null = null;
  private loading: Promise<T> | null = null;
  private generation = 0;

  constructor(private readonly load: () => Promise<T>, private readonly maxAgeMs: number) {}

  get(): Promise<T> {
    if (this.value && Date.now() - this.value.at < this.maxAgeMs) return Promise.resolve(this.value.data);
    this.loading ??= this.startLoad();
    return this.loading;
  }

  forget(): void {
    this.value = null;
    this.loading = null;
    this.generation += 1;
  }

  private startLoad(): Promise<T> {
    const generation = this.generation;
    const loading: Promise<T> = this.load()
      .then((data) => {
        if (generation === this.generation) this.value = { data, at: Date.now() };
        return data;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    return loading;
  }
}
