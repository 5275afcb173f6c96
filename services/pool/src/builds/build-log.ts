export const BUILD_LOG_LIMIT = 1024 * 1024;
const TRUNCATED = '\n[build log truncated at 1 MiB]\n';

/**
 * The output of a build's steps, in memory until it is saved. Everything past the limit is
 * dropped (the start of a log says what ran; a runaway step must not fill the database).
 */
export class BuildLog {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;

  constructor(private readonly limit = BUILD_LOG_LIMIT) {}

  append(chunk: Buffer | string): void {
    if (this.truncated) return;
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const room = this.limit - this.size;
    if (data.length > room) {
      this.chunks.push(data.subarray(0, room));
      this.size += room;
      this.truncated = true;
      return;
    }
    this.chunks.push(data);
    this.size += data.length;
  }

  line(text: string): void {
    this.append(`${text}\n`);
  }

  /** As text PostgreSQL can store: UTF-8 with NUL bytes removed; a cut character becomes U+FFFD. */
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8').replaceAll('\u0000', '');
    return this.truncated ? text + TRUNCATED : text;
  }
}
