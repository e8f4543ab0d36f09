import { createPublicKey, KeyObject } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';

/** One key of a JSON Web Key Set, as the portal (or a government identity provider) publishes it. */
export interface PublishedKey extends JsonWebKey {
  kid: string;
  kty: string;
  alg?: string;
  use?: string;
}

/**
 * The signing keys of the identity provider, read from its JWKS endpoint (`JWT_JWKS_URL`): fetched when a token
 * names a key not seen yet, at most once per `minRefetchMs` so that forged key ids cannot make a service hammer
 * the provider, and kept in memory. A key that disappears from the set is dropped at the next fetch.
 */
export class JwksKeys {
  private keys = new Map<string, KeyObject>();
  private lastFetch = 0;
  private inFlight?: Promise<void>;

  constructor(
    readonly url: string,
    private readonly minRefetchMs = 30_000,
    private readonly timeoutMs = 5_000,
  ) {}

  /** The public key with this id, or undefined when the provider does not publish it. */
  async key(kid: string): Promise<KeyObject | undefined> {
    const known = this.keys.get(kid);
    if (known) return known;
    if (Date.now() - this.lastFetch >= this.minRefetchMs) await this.refresh();
    return this.keys.get(kid);
  }

  private refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      try {
        const res = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
        if (!res.ok) throw new Error(`JWKS ${this.url} answered ${res.status}`);
        const body = (await res.json()) as { keys?: PublishedKey[] };
        const next = new Map<string, KeyObject>();
        for (const jwk of body.keys ?? []) {
          if (typeof jwk.kid !== 'string' || (jwk.use && jwk.use !== 'sig')) continue;
          next.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
        }
        this.keys = next;
        this.lastFetch = Date.now();
      } catch {
        // The provider is unreachable: tokens of unknown keys stay refused; try again on the next such token
        // after a short pause (not the full interval, so a provider that was starting is picked up quickly).
        this.lastFetch = Date.now() - this.minRefetchMs + 1_000;
      } finally {
        this.inFlight = undefined;
      }
    })();
    return this.inFlight;
  }
}
