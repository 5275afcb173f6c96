import { Agent, request } from 'undici';

const MESSAGE = 'event: seats';

/**
 * `count` live seat maps left open during a run (GET /seats/stream, R29), as the buyers
 * watching a sale keep them: what the service must write to all of them competes with selling.
 * The streams take `paths` in turn (a large venue's pages each follow one section).
 * `close` ends them and tells how many `event: seats` messages and bytes each received.
 */
export async function openSeatStreams(target: string, count: number, paths: readonly string[] = ['/seats/stream']) {
  const agent = new Agent({ connections: count, keepAliveTimeout: 60_000 });
  let events = 0;
  let bytes = 0;
  const streams = await Promise.all(Array.from({ length: count }, async (_, i) => {
    const response = await request(`${target}${paths[i % paths.length]}`, { dispatcher: agent });
    if (response.statusCode !== 200) throw new Error(`a seat stream answered ${response.statusCode}`);
    let tail = ''; // a message's start may be split across two chunks
    response.body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      const text = tail + chunk.toString('latin1');
      for (let at = text.indexOf(MESSAGE); at !== -1; at = text.indexOf(MESSAGE, at + 1)) events += 1;
      tail = text.slice(-(MESSAGE.length - 1));
    });
    response.body.on('error', () => undefined); // ended by close()
    return response;
  }));
  return {
    async close() {
      for (const stream of streams) stream.body.destroy();
      await agent.destroy();
      return { streams: count, eventsPerStream: Math.round(events / Math.max(1, count)), megabytes: Math.round(bytes / 1e5) / 10 };
    },
  };
}
