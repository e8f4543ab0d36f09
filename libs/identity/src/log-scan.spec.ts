// The personal-data scan of the service logs (scripts/scan-logs.ts) reads with the anonymisation's detector: a number
// leaked into a log however it is written is found, ordinary log content is not, and the command fails naming the
// file and line with the number masked.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsInLine, scanLogs } from '../../../scripts/scan-logs';

/** A line as the services write them (libs/runtime's JSON logger). */
const logged = (msg: string, extra: object = {}) =>
  JSON.stringify({ time: '2026-12-04T17:54:28.277Z', level: 'log', service: 'legal-aid', context: 'ReferralsService', msg, ...extra });

describe('the log scan', () => {
  it.each([
    ['+86 138 1234 5678', 'phone 138****5678'],
    ['+86-138-1234-5678', 'phone 138****5678'],
    ['0086 13812345678', 'phone 138****5678'],
    ['138-1234-5678', 'phone 138****5678'],
    ['(138) 1234 5678', 'phone 138****5678'],
    ['１３８１２３４５６７８', 'phone 138****5678'],
    ['１３８ １２３４ ５６７８', 'phone 138****5678'],
    ['幺三八一二三四五六七八', 'phone 138****5678'],
    ['138\u200b1234\u200b5678', 'phone 138****5678'],
    ['360702199003071239', 'ID 3607************39'],
    ['360702 19900307 1239', 'ID 3607************39'],
    ['３６０７０２１９９００３０７１２３９', 'ID 3607************39'],
    ['360702900307123', 'ID 3607*********23'],
    ['360702-900307-123', 'ID 3607*********23'],
    ['３６０７０２９００３０７１２３', 'ID 3607*********23'],
  ])('finds %s leaked into a log line, and shows it masked', (leak, shown) => {
    for (const line of [logged(`申请人联系方式 ${leak}，已转交`), logged('referral received', { worker: { note: leak } }), `plain text ${leak} end`]) {
      expect(findingsInLine(line)).toEqual([shown]);
    }
  });

  // Lines of the kinds the services and the broker client write, with every sort of long digit run they hold.
  const ORDINARY = [
    logged('referral fec2e92c-6d3f-46c6-9644-fe954910d6b6: referral.received'),
    logged('referral 01361503-6048-4eb4-8a7a-24a04d056bf3: referral.received', { eventId: '99a98cef-8606-4de2-9706-018958977357' }),
    logged('legal-aid listening on http://127.0.0.1:46569'),
    logged('session revocations from http://127.0.0.1:41235/auth/revocations are current again'),
    logged('Response Metadata(key: 3, version: 6) {"timestamp":"2026-12-04T18:18:51.112Z","logger":"kafkajs","broker":"127.0.0.1:9092","clientId":"legal-aid-31579","error":"Not authorized to access topics: [Topic authorization failed]","correlationId":2,"size":109}'),
    logged('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { stack: 'Error: connect ECONNREFUSED 127.0.0.1:9092\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)' }),
    logged('committed offsets', { topic: 'fuzzmx9b3ib83b9c32.referrals', partitions: [0, 1, 2, 3, 10, 11, 12, 13], offset: '13812345', highWatermark: '13812346' }),
    logged('consumer lag', { offsets: [13812, 12345, 5678, 1381234, 56781, 138123, 45678] }),
    logged('handled in 13002.280883 ms', { durationMs: 1380.0228088, took: 658.019368405307, at: 1795926017000, hrtime: '1733333333333333333' }),
    logged('已收到申请，欠薪金额 1250000 分（12,500.00 元），涉及 12 人，截止 2026-12-31 17:30', { amountOwedFen: 13_520_050, amountRecoveredFen: 1_640_000 }),
    logged('traceparent 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' }),
    logged('signing key', { kid: 'legal-aid-2026-12-04-138123456789', sha256: '13812345678abcdef13812345678abcdef', salt: [115, 116, 118, 119, 54, 50, 106, 121, 118, 111, 116, 119, 102, 98, 117, 53] }),
    logged('employer 91360702MA35G7K276 on the credit list since 2026-01-01', { creditCode: '91360702MA35G7K276', divisionCode: '360702' }),
    logged('masked', { worker: { idNumber: '3607************39', phone: '138****5678', key: 'wk_3f07a2199003b7123913812345678e0a' } }),
    logged('group fuzzmx9b3ib83b9c32.legal-aid-replica-b714494a-4af0-4405-a838-aa0315513812 rebalanced, generation 138'),
    '(node:31579) MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 connect listeners added to [Socket]. MaxListeners is 10.',
    '2026-12-04 17:52:46.032 UTC [10243] postgres@yl_shapemx9a7foo8a106f DETAIL:  parameters: $1 = \'1764300000000\', $2 = \'CreateMessagingTables1764300000000\'',
  ];

  it.each(ORDINARY.map((l) => [l]))('finds nothing in an ordinary log line: %s', (line) => {
    expect(findingsInLine(line)).toEqual([]);
  });

  describe('as a command', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'scan-logs-'));
      mkdirSync(join(dir, 'suite-a'));
      writeFileSync(join(dir, 'suite-a', 'legal-aid.log'), ORDINARY.join('\n') + '\n');
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const run = (...args: string[]) => {
      try {
        return { status: 0, out: execFileSync('node', ['-r', '@swc-node/register', 'scripts/scan-logs.ts', ...args], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8' }) };
      } catch (e) {
        const err = e as { status: number; stdout: string };
        return { status: err.status, out: err.stdout };
      }
    };

    it('passes ordinary logs, and fails on a leaked +86 phone naming the file and line with the number masked', () => {
      expect(run(dir)).toMatchObject({ status: 0, out: expect.stringContaining(`1 log files, ${ORDINARY.length + 1} lines`) });

      const leaking = join(dir, 'suite-a', 'labor-inspection.log');
      writeFileSync(leaking, [logged('ok'), logged('联系人电话 +86 138 1234 5678')].join('\n'));
      const { status, out } = run(dir, join(dir, 'not-there'));
      expect(status).toBe(1);
      expect(out).toContain(`${leaking}:2: phone 138****5678`);
      expect(out).toContain(`no such directory: ${join(dir, 'not-there')}`);
      expect(out).not.toContain('13812345678');
    });

    it('with --since, reads only the logs written since then; and fails when it read nothing', () => {
      const old = join(dir, 'suite-a', 'old.log');
      writeFileSync(old, logged('电话 138-1234-5678'));
      const hourAgo = (Date.now() - 3_600_000) / 1000;
      utimesSync(old, hourAgo, hourAgo);
      const since = Date.now() - 60_000;
      expect(scanLogs([dir], { since })).toMatchObject({ files: 1, findings: [] });
      expect(scanLogs([dir])).toMatchObject({ files: 2, findings: [`${old}:1: phone 138****5678`] });
      expect(run('--since', String(since), dir).status).toBe(0);
      expect(run('--since', String(Date.now() + 60_000), dir)).toMatchObject({ status: 1, out: expect.stringContaining('no log was read') });
    });
  });
});
