import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Pool } from '@clove/kit';
import { finishBuild, saveBuildLog } from '../images/image.repository.js';
import type { GitSource } from '../sources/git-source.js';
import { BuildLog } from './build-log.js';
import { buildGitSource, type BuildOutcome } from './git-build.js';

export interface BuilderOptions {
  workDir: string;
  timeoutMs: number;
  log: FastifyBaseLogger;
}

/**
 * Builds git sources in the background, one folder per image under the work folder, and
 * records each outcome and log. Stopping kills running builds; they end 'failed' ('interrupted').
 */
export class Builder {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(private readonly pool: Pool, private readonly options: BuilderOptions) {}

  /** Where an image's checkout lives. */
  folderOf(imageId: string): string {
    return join(this.options.workDir, imageId);
  }

  start(imageId: string, source: GitSource): void {
    const abort = new AbortController();
    const done = this.build(imageId, source, abort.signal)
      .catch((error: unknown) => this.options.log.error({ err: error, imageId }, 'build bookkeeping failed'))
      .finally(() => this.running.delete(imageId));
    this.running.set(imageId, { abort, done });
  }

  /** Stops an image's build, if any, and removes its folder. */
  async discard(imageId: string): Promise<void> {
    const build = this.running.get(imageId);
    if (build) {
      build.abort.abort();
      await build.done;
    }
    await rm(this.folderOf(imageId), { recursive: true, force: true });
  }

  async stop(): Promise<void> {
    const builds = [...this.running.values()];
    for (const build of builds) build.abort.abort();
    await Promise.all(builds.map((build) => build.done));
  }

  private async build(imageId: string, source: GitSource, signal: AbortSignal): Promise<void> {
    const log = new BuildLog();
    log.line(`Building ${source.url} at ${source.ref}, folder ${source.path}`);
    await saveBuildLog(this.pool, imageId, log.text());
    let outcome: BuildOutcome;
    try {
      await mkdir(this.options.workDir, { recursive: true, mode: 0o700 });
      outcome = await buildGitSource(source, {
        dir: this.folderOf(imageId),
        home: join(this.options.workDir, '.home'),
        timeoutMs: this.options.timeoutMs,
        log,
        signal,
      });
    } catch (error) {
      this.options.log.error({ err: error, imageId }, 'build failed to run');
      log.line(`! ${(error as Error).message}`);
      outcome = { status: 'failed', reason: 'the build could not be run' };
    }
    log.line(outcome.status === 'ready' ? 'Build succeeded.' : `Build failed: ${outcome.reason}`);
    await saveBuildLog(this.pool, imageId, log.text()).catch(() => undefined);
    await finishBuild(this.pool, imageId, outcome.status, outcome.reason);
  }
}
