import { mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { GitSource } from '../sources/git-source.js';
import type { BuildLog } from './build-log.js';
import { runStep, type Step } from './run-step.js';

export interface GitBuildOptions {
  /** A folder that does not exist yet; the checkout goes there. */
  dir: string;
  /** HOME of the build steps (npm's cache lives there). */
  home: string;
  timeoutMs: number;
  log: BuildLog;
  signal: AbortSignal;
}

export type BuildOutcome = { status: 'ready'; reason: null } | { status: 'failed'; reason: string };

/** Programs are found next to this node first, then in the system folders; nothing else is inherited. */
const PATH = [dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin'].join(':');

const gitEnv = (home: string): Record<string, string> => ({
  PATH,
  HOME: home,
  GIT_TERMINAL_PROMPT: '0',
  GIT_ALLOW_PROTOCOL: 'http:https',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
});

const npmEnv = (home: string): Record<string, string> => ({
  PATH,
  HOME: home,
  CI: 'true',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  ...passThrough(['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy']),
});

/** Proxy settings an operator gave the service are needed to reach the npm registry. */
function passThrough(names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => process.env[n]).map((n) => [n, process.env[n]!]));
}

/**
 * Clones the source's ref shallowly and runs `npm ci` then `npm run build` in its folder,
 * all within one time limit. Options cannot be smuggled in: the ref and URL were checked, and
 * `--` ends git's options before the URL. Redirects are not followed, so a clone never leaves
 * the allowed host.
 */
export async function buildGitSource(source: GitSource, options: GitBuildOptions): Promise<BuildOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  await mkdir(options.home, { recursive: true });
  const clone: Step = {
    title: 'git clone',
    command: 'git',
    args: [
      '-c', 'protocol.file.allow=never',
      '-c', 'protocol.ext.allow=never',
      '-c', 'http.followRedirects=false',
      '-c', 'advice.detachedHead=false',
      'clone', '--depth', '1', '--branch', source.ref, '--', source.url, options.dir,
    ],
    cwd: dirname(options.dir),
    env: gitEnv(options.home),
  };
  const cloned = await runStep(clone, options.log, deadline, options.signal);
  if (!cloned.ok) return failed(cloned, options.timeoutMs);

  const project = await projectFolder(options.dir, source.path);
  if (!project) {
    options.log.line(`! ${source.path} is not a folder inside the repository`);
    return { status: 'failed', reason: `path ${source.path} is not a folder inside the repository` };
  }
  for (const [title, args] of [['npm ci', ['ci']], ['npm run build', ['run', 'build']]] as const) {
    const step: Step = { title, command: 'npm', args: [...args], cwd: project, env: npmEnv(options.home) };
    const outcome = await runStep(step, options.log, deadline, options.signal);
    if (!outcome.ok) return failed(outcome, options.timeoutMs);
  }
  return { status: 'ready', reason: null };
}

function failed(outcome: { reason: string; timedOut: boolean }, timeoutMs: number): BuildOutcome {
  const reason = outcome.timedOut ? `${outcome.reason} of ${timeoutMs} ms` : outcome.reason;
  return { status: 'failed', reason };
}

/** The folder to build, resolved through symbolic links; null when it is not a folder inside the checkout. */
async function projectFolder(checkout: string, path: string): Promise<string | null> {
  try {
    const root = await realpath(checkout);
    const folder = await realpath(join(root, path));
    if (folder !== root && !folder.startsWith(root + sep)) return null;
    return (await stat(folder)).isDirectory() ? folder : null;
  } catch {
    return null;
  }
}
