// The portal's long poll of ended sessions, with the database read replaced by a list the test changes.
import { DataSource } from 'typeorm';
import { MAX_WAITING, RevocationFeed, RevocationList } from './revocation-feed';

class TestFeed extends RevocationFeed {
  version = 1;
  reads = 0;
  constructor() {
    super({} as DataSource);
  }
  override async read(): Promise<RevocationList> {
    this.reads++;
    return { body: `{"v":${this.version}}`, etag: `"v${this.version}"` };
  }
}

const elapsed = async <T>(p: Promise<T>) => {
  const t = Date.now();
  const value = await p;
  return { value, ms: Date.now() - t };
};

describe('revocation feed (long poll)', () => {
  it('answers at once when the copy is old, and holds a current copy until the wait is over', async () => {
    const feed = new TestFeed();
    expect((await elapsed(feed.next(['"v0"'], 5_000))).ms).toBeLessThan(50);
    const held = await elapsed(feed.next(['"v1"'], 300));
    expect(held.value.etag).toBe('"v1"');
    expect(held.ms).toBeGreaterThanOrEqual(290);
  });

  it('answers held requests as soon as sessions end here, with the new list', async () => {
    const feed = new TestFeed();
    const waiting = elapsed(feed.next(['"v1"'], 10_000));
    await new Promise((r) => setTimeout(r, 50));
    expect(feed.waiting).toBe(1);
    feed.version = 2;
    feed.changed();
    const { value, ms } = await waiting;
    expect(value.etag).toBe('"v2"');
    expect(ms).toBeLessThan(200);
    expect(feed.waiting).toBe(0);
  });

  it('releases a request whose client went away, and every request at shutdown', async () => {
    const feed = new TestFeed();
    const gone = new AbortController();
    const left = elapsed(feed.next(['"v1"'], 10_000, gone.signal));
    const staying = elapsed(feed.next(['"v1"'], 10_000));
    await new Promise((r) => setTimeout(r, 20));
    gone.abort();
    expect((await left).ms).toBeLessThan(100);
    expect(feed.waiting).toBe(1);
    feed.beforeApplicationShutdown();
    expect((await staying).ms).toBeLessThan(100);
    expect(feed.waiting).toBe(0);
  });

  it(`holds at most ${MAX_WAITING} requests; the next is answered at once`, async () => {
    const feed = new TestFeed();
    const held = Array.from({ length: MAX_WAITING }, () => feed.next(['"v1"'], 10_000));
    await new Promise((r) => setTimeout(r, 20));
    expect(feed.waiting).toBe(MAX_WAITING);
    expect((await elapsed(feed.next(['"v1"'], 10_000))).ms).toBeLessThan(50);
    feed.beforeApplicationShutdown();
    await Promise.all(held);
    // Every held request shared the reads: one at the start and one per wake-up, not one per request.
    expect(feed.reads).toBeLessThan(10);
  });
});
