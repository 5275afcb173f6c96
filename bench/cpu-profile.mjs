// Preloaded into every platform process by `bench:ticketing -- --profile DIR` (NODE_OPTIONS=--import):
// records a V8 CPU profile from start to exit and writes it to DIR/<name>-<pid>.cpuprofile.
// The folder comes in this module's URL (?dir=…), since services get only a few variables.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { basename, dirname, join } from 'node:path';

const dir = new URL(import.meta.url).searchParams.get('dir');
const entry = process.argv[1] ?? 'node';
const name = entry.includes('/services/') ? entry.split('/services/')[1].split('/')[0] : basename(dirname(dirname(entry)));
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.once('exit', () => {
  // The inspector answers a session of the same thread synchronously.
  session.post('Profiler.stop', (error, result) => {
    if (!error && dir) writeFileSync(join(dir, `${name}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
