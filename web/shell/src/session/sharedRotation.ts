import { refreshSession } from './refresh';
import type { Session } from './session';
import { readRotation, writeRotation } from './rotationStore';
import { parseSession } from './storage';

// A duplicated tab starts with a copy of its opener's sessionStorage, so two tabs can hold
// the same refresh token. The server revokes a session whose refresh token is used twice, so
// only one tab may spend it: tabs rotate under one Web Lock, and the tab that rotated leaves
// the new pair for the others in IndexedDB (and tells them on a BroadcastChannel), encrypted
// with a key that lives in sessionStorage. Only tabs copied from the same tab have that key;
// a record left behind after every tab closed cannot be read.

const LOCK = 'clove.session.refresh';
const CHANNEL = 'clove.session.rotated';
const KEY = 'clove.session.key';
/** Long enough for a throttled background tab to wake up and adopt the new pair. */
const RECORD_TTL_MS = 10 * 60_000;

interface RotationRecord {
  /** SHA-256 of the refresh token that was spent. */
  previous: string;
  iv: string;
  data: string;
  at: number;
}

const encoder = new TextEncoder();
const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Web Locks and Web Crypto exist only in secure contexts (https, or localhost). */
function supported(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator && globalThis.crypto?.subtle !== undefined
    && typeof indexedDB !== 'undefined' && typeof BroadcastChannel !== 'undefined';
}

async function tokenDigest(refreshToken: string): Promise<string> {
  return toBase64(await crypto.subtle.digest('SHA-256', encoder.encode(refreshToken)));
}

/**
 * Makes this tab's sharing key if it has none. Called whenever a session starts, so tabs
 * duplicated from this one copy the key along with the session.
 */
export function prepareSharing(): void {
  try {
    if (!window.sessionStorage.getItem(KEY)) {
      window.sessionStorage.setItem(KEY, toBase64(crypto.getRandomValues(new Uint8Array(32))));
    }
  } catch {
    // Without storage there is nothing to duplicate.
  }
}

async function sharingKey(): Promise<CryptoKey> {
  prepareSharing();
  const raw = window.sessionStorage.getItem(KEY) ?? '';
  return crypto.subtle.importKey('raw', fromBase64(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function readRecord(): Promise<RotationRecord | null> {
  try {
    const record = (await readRotation()) as RotationRecord | undefined;
    if (!record || typeof record.previous !== 'string' || Date.now() - record.at > RECORD_TTL_MS) return null;
    return record;
  } catch {
    return null;
  }
}

/** The pair another tab got for this refresh token, if one did. */
async function adoptable(refreshToken: string): Promise<Session | null> {
  const record = await readRecord();
  if (!record || record.previous !== (await tokenDigest(refreshToken))) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(record.iv) }, await sharingKey(), fromBase64(record.data));
    return parseSession(new TextDecoder().decode(plain));
  } catch {
    // Another family of tabs rotated a token with the same digest: impossible in practice, or a foreign key.
    return null;
  }
}

async function leaveRecord(spent: string, next: Session): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await sharingKey(), encoder.encode(JSON.stringify(next)));
  const record: RotationRecord = { previous: await tokenDigest(spent), iv: toBase64(iv), data: toBase64(data), at: Date.now() };
  await writeRotation(record);
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage('rotated');
  channel.close();
}

/** Rotates the session's refresh token once across every tab that holds it. */
export async function rotateShared(session: Session): Promise<Session> {
  if (!supported()) return refreshSession(session.refreshToken);
  return navigator.locks.request(LOCK, async () => {
    const adopted = await adoptable(session.refreshToken);
    if (adopted) return adopted;
    const next = await refreshSession(session.refreshToken);
    await leaveRecord(session.refreshToken, next).catch(() => undefined);
    return next;
  });
}

/** Calls `adopt` when another tab rotated the refresh token this tab holds. Returns the unsubscribe. */
export function onSharedRotation(current: () => Session | null, adopt: (session: Session) => void): () => void {
  if (!supported()) return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => {
    const session = current();
    if (!session) return;
    void adoptable(session.refreshToken).then((next) => {
      if (next && current()?.refreshToken === session.refreshToken) adopt(next);
    });
  };
  return () => channel.close();
}
