/** Whether a seller other than the owner may act on this performance. */
export type MemberCheck = (userId: string) => Promise<boolean>;

/**
 * R12: members of the deployment, asked of the deployer with this deployment's own credential
 * (which answers for this deployment only), on every seller request of someone other than the
 * owner, so adding or removing a member takes effect at once. When the deployer cannot be asked,
 * nobody but the owner gets in.
 */
export function deploymentMembers(options: { deployerUrl: string; deploymentId: string; token: string; timeoutMs?: number; onError?: (error: unknown) => void }): MemberCheck {
  return async (userId) => {
    try {
      const url = `${options.deployerUrl.replace(/\/$/, '')}/deployments/${encodeURIComponent(options.deploymentId)}/access/${encodeURIComponent(userId)}`;
      const response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` }, signal: AbortSignal.timeout(options.timeoutMs ?? 3_000) });
      if (!response.ok) throw new Error(`the deployer answered ${response.status}`);
      const { access } = (await response.json()) as { access: string };
      return access === 'member' || access === 'owner';
    } catch (error) {
      options.onError?.(error);
      return false;
    }
  };
}

/** Standalone (no deployer): only the owner. */
export const ownerOnly: MemberCheck = async () => false;
