/** FNV-1a, 32 bit: a stable hash for outbox shards and advisory-lock ids (same result in every process). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Outbox rows are split into shards by key; one relay owns a shard at a time, which keeps per-key order. */
export const OUTBOX_SHARDS = 16;
export const shardOf = (key: string) => fnv1a(key) % OUTBOX_SHARDS;
