/** Whether a seller other than the owner may act on this performance. */
export type MemberCheck = (userId: string) => Promise<boolean>;

const CACHE_MS = 5_000;

/**
 * R12: members of the deployment, asked of the deployer with this deployment's own credential
 * (which answers for this deployment only). A yes is kept for a few seconds, so removing a
 * member takes effect within that time; a no is never kept, so adding one takes effect at
 * once. When the deployer cannot be asked, nobody but the owner gets in.
 */
export function deploymentMembers(options: { deployerUrl: string; deploymentId: string; token: string; timeoutMs?: number; onError?: (error: unknown) => void }): MemberCheck {
  const cache = new Map<string, { member: boolean; until: number }>();
  return async (userId) => {
    const now = Date.now();
    const cached = cache.get(userId);
    if (cached && cached.until > now) return cached.member;
    try {
      const url = `${options.deployerUrl.replace(/\/$/, '')}/deployments/${encodeURIComponent(options.deploymentId)}/access/${encodeURIComponent(userId)}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 3_000) });
      if (!response.ok) throw new Error(`the deployer answered ${response.status}`);
      const { access } = (await response.json()) as { access: string };
      const member = access === 'member' || access === 'owner';
      if (cache.size > 10_000) cache.clear();
      if (member) cache.set(userId, { member, until: now + CACHE_MS });
      return member;
    } catch (error) {
      options.onError?.(error);
      return false;
    }
  };
}

/** Standalone (no deployer): only the owner. */
export const ownerOnly: MemberCheck = async () => false;
