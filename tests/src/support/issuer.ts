import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';

export interface TestIssuer {
  /** URL of a JWKS serving the issuer's public key. */
  jwksUrl: string;
  /** An access token shaped like the auth service's, signed by this issuer. */
  tokenFor: (role: 'buyer' | 'seller' | 'admin', userId?: string) => Promise<string>;
  close: () => Promise<void>;
}

/** A stand-in for the auth service's keys, for service-level tests that need tokens. */
export async function startTestIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`,
    tokenFor: (role, userId = randomUUID()) =>
      new SignJWT({ role, sid: randomUUID() })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer('clove-auth')
        .setAudience('clove')
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
