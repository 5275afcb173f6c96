import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** `/web/<package>/<file>`: a file of a built web package. */
const PACKAGE_FILE = /^\/web\/([a-z][a-z0-9-]*)\/(.+)$/;

/**
 * The web client (R36) from the same front door: `/web/<package>/…` are the files each web
 * package built into `<webRoot>/<package>/dist`, and any other page a browser asks for is the
 * shell's index.html, whose client-side router takes over. API paths never get here: routes
 * come first.
 */
export class WebFiles {
  constructor(private readonly webRoot: string) {}

  static async register(app: FastifyInstance, webRoot: string): Promise<WebFiles> {
    // Built files come with .br and .gz copies (scripts/compress-web.mjs), sent to browsers that accept them.
    await app.register(fastifyStatic, { root: webRoot, serve: false, maxAge: 0, cacheControl: false, preCompressed: true });
    return new WebFiles(webRoot);
  }

  /**
   * The shell's page for a browser whose address is not a valid URL; false for anyone else. The
   * router refused the path before any plugin ran, so the page is sent as read here.
   */
  serveShellForBadUrl(request: FastifyRequest, reply: FastifyReply): boolean {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !(request.headers.accept ?? '').includes('text/html')) return false;
    const shell = join(this.webRoot, 'shell', 'dist', 'index.html');
    if (!existsSync(shell)) return false;
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(readFileSync(shell));
    return true;
  }

  /** Answers the request with a web file or the shell's page; false when it is neither. */
  serve(request: FastifyRequest, reply: FastifyReply, pathname: string): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const file = PACKAGE_FILE.exec(pathname);
    if (file) {
      const name = file[1]!;
      const rest = file[2]!;
      if (rest.split('/').some((part) => part === '..' || part === '' || part === '.')) return false;
      const path = join(name, 'dist', rest);
      if (!existsSync(join(this.webRoot, path))) return false;
      // Hashed assets never change; entry files (remoteEntry.js, index.html) must be fresh.
      const immutable = /-[A-Za-z0-9_-]{8,}\.(js|css|woff2?|png|svg)$/.test(rest);
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache').sendFile(path);
      return true;
    }
    if (!(request.headers.accept ?? '').includes('text/html')) return false;
    const shell = join('shell', 'dist', 'index.html');
    if (!existsSync(join(this.webRoot, shell))) return false;
    void reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').sendFile(shell);
    return true;
  }
}
