// The CPU a benchmark run costs, attributed to the run's own processes only — never to a process found by its name, so a
// test or another benchmark running on the same machine is not counted:
//   - each service the run started (and the naive pair): the pid of the child it spawned, all its threads (/proc/<pid>/stat);
//   - PostgreSQL: the backends serving those processes' own connections. A service's connections are found from its sockets
//     (the TCP connections in /proc/<pid>/fd to the database's port), matched to pg_stat_activity's client_port. Sampled
//     every 250 ms: a backend that closes during a phase is counted up to its last sample, one that lived less than a
//     sample's interval not at all (the services' pools keep their connections 10 s idle). Read from
//     /proc/<pid>/schedstat (nanoseconds: a backend is one thread); needs the benchmark's database user to see other
//     roles' client_port in pg_stat_activity (a superuser, as DATABASE_URL's owner is here, or pg_read_all_stats);
//   - the broker: the pid in scripts/kafka.sh's pid file (.cache/kafka/broker.pid), checked to listen on the broker's port,
//     or else the process listening on that port. The broker is shared: another run's traffic to it is counted too;
//   - the load generator: this process (process.cpuUsage), which also runs the sampler.
// Not counted, reported apart: PostgreSQL's own processes (WAL writer, checkpointer, background writer, autovacuum), which
// serve every database user of the cluster, and the rest of the machine (all CPU minus the above), a sign that something
// else ran at the same time. The benchmark's own database connection (its bulk loads and the polls that wait for the
// inboxes) is measurement, not cost, and is counted nowhere.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system, every thread) a live process has used; undefined once it has gone. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  const f = pid ? statFields(pid) : undefined;
  // utime and stime are the 14th and 15th fields; f[0] is the 3rd.
  return f ? (Number(f[11]) + Number(f[12])) / TICKS : undefined;
}

/** A single-threaded process's CPU seconds to the nanosecond, with its start time (to tell a reused pid); undefined once gone. */
function taskCpu(pid: number): { start: string; seconds: number } | undefined {
  const f = statFields(pid);
  if (!f) return undefined;
  try {
    return { start: f[19], seconds: Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e9 };
  } catch {
    return { start: f[19], seconds: (Number(f[11]) + Number(f[12])) / TICKS };
  }
}

/** The machine's busy CPU seconds so far, all cores together (/proc/stat). */
function machineBusySeconds(): number {
  const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / TICKS;
}

interface TcpSocket {
  localPort: number;
  remotePort: number;
  state: string;
  inode: string;
}

/** The TCP sockets of the network namespace a process sees. */
function tcpSockets(pid: number | 'self'): TcpSocket[] {
  const out: TcpSocket[] = [];
  for (const file of ['tcp', 'tcp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/${pid}/net/${file}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10) continue;
      out.push({ localPort: parseInt(f[1].split(':')[1], 16), remotePort: parseInt(f[2].split(':')[1], 16), state: f[3], inode: f[9] });
    }
  }
  return out;
}

/** The inodes of a process's open sockets. */
function socketInodes(pid: number): Set<string> {
  const out = new Set<string>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return out;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) out.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

/** The process listening on a local TCP port, found through its socket (our own processes, or any when run as root). */
function listenerPid(port: number): number | undefined {
  const inodes = new Set(tcpSockets('self').filter((s) => s.state === '0A' && s.localPort === port).map((s) => s.inode));
  if (!inodes.size) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    for (const inode of socketInodes(Number(entry))) if (inodes.has(inode)) return Number(entry);
  }
  return undefined;
}

/**
 * The broker's process: the pid file scripts/kafka.sh writes when it starts the broker (KAFKA_CACHE, by default
 * .cache/kafka), if that process listens on the broker's port; otherwise whatever process listens there. Undefined
 * when the broker is not on this machine (or not visible to this user): its CPU is then not measured.
 */
export function brokerPid(root: string): { pid?: number; how: string } {
  const first = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',')[0];
  const port = Number(first.split(':').pop());
  const host = first.slice(0, first.lastIndexOf(':'));
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return { how: `broker ${first} is not on this machine` };
  const file = join(process.env.KAFKA_CACHE ?? join(root, '.cache', 'kafka'), 'broker.pid');
  const listener = listenerPid(port);
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (pid && (listener === undefined || listener === pid) && processCpuSeconds(pid) !== undefined) return { pid, how: `pid file ${file}` };
  }
  return listener ? { pid: listener, how: `the process listening on port ${port}` } : { how: `no process of ours listens on port ${port}` };
}

/** CPU seconds used so far, per process of the run and per group of database backends. */
export interface CpuReading {
  at: number;
  /** Each watched process itself, and 'load generator'. */
  process: Record<string, number>;
  /** The database backends of each watched process's connections. */
  backends: Record<string, number>;
  /** PostgreSQL's background processes (the whole cluster's), not attributed. */
  postgresBackground: number;
  /** Every core's busy time on the machine. */
  machine: number;
  /** Backends of watched processes that had closed by this reading. */
  closedBackends: number;
}

interface Backend {
  owner: string;
  pid: number;
  /** The process's start time in /proc, so that a pid taken again by another process is not read as this backend. */
  start: string;
  seconds: number;
  seen: number;
}

/**
 * Samples the CPU of the run's processes and of the database backends serving them. `watch` names a process; `read`
 * takes a fresh sample and returns cumulative seconds, so that a phase's cost is the difference of two readings.
 */
export class RunCpu {
  private readonly owners = new Map<string, number>();
  /** The owners whose database connections are followed (the services and the naive pair, not the broker). */
  private readonly connected = new Set<string>();
  /** Whom each client backend ever listed serves (by pid and start): an owner of the run, or null for another's. */
  private readonly serves = new Map<string, string | null>();
  /** The run's backends, with their last reading: one that closes keeps what it had used. */
  private readonly backends = new Map<string, Backend>();
  /** The local port of each socket of the owners, when it is a connection to the database (null otherwise). */
  private readonly portOf = new Map<string, number | null>();
  private readonly firstSeen = new Map<string, number>();
  private readonly background = new Map<string, number>();
  private client?: Client;
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;
  private sweep = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly intervalMs = 250,
  ) {}

  /** The database's port, as the services' connections see it. */
  private get dbPort(): number {
    return Number(new URL(this.databaseUrl).port || 5432);
  }

  async start(): Promise<void> {
    this.client = new Client({ connectionString: this.databaseUrl, application_name: 'bench-cpu-sampler' });
    this.client.on('error', () => undefined);
    await this.client.connect();
    this.timer = setInterval(() => void this.sample().catch(() => undefined), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
  }

  /** Counts a process of the run, and with `database` the backends of its connections to the database. */
  watch(name: string, pid: number | undefined, database = true): void {
    if (!pid) return;
    this.owners.set(name, pid);
    if (!database) return;
    this.connected.add(name);
    // Its connections may already have been listed and taken for another's: look at every foreign backend again.
    for (const [key, owner] of this.serves) if (owner === null) this.serves.delete(key);
  }

  private sample(): Promise<void> {
    // One sample at a time; a reading waits for the one under way and takes its own.
    this.sampling = (this.sampling ?? Promise.resolve()).catch(() => undefined).then(() => this.sampleNow());
    return this.sampling;
  }

  private async sampleNow(): Promise<void> {
    const sweep = ++this.sweep;
    const { rows } = await this.client!.query<{ pid: number; client_port: number | null; backend_type: string; since: string }>(
      `SELECT pid, client_port, backend_type, backend_start::text AS since FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
    );
    // Backends not met before: whose are they? (The sockets are read only then: they cost more than the rest.)
    const fresh = rows.filter((r) => r.backend_type === 'client backend' && !this.serves.has(`${r.pid}@${r.since}`));
    if (fresh.length) {
      // Each owner's sockets (cheap to list); the socket table (dear to read: every connection of the machine) only when
      // an owner has a socket not seen before. The children share this process's network namespace.
      const inodes = new Map<string, Set<string>>();
      for (const owner of this.connected) inodes.set(owner, socketInodes(this.owners.get(owner)!));
      if ([...inodes.values()].some((set) => [...set].some((inode) => !this.portOf.has(inode)))) {
        const table = new Map(tcpSockets('self').map((t) => [t.inode, t]));
        const now = Date.now();
        for (const set of inodes.values()) {
          for (const inode of set) {
            if (this.portOf.has(inode)) continue;
            const t = table.get(inode);
            // A socket not (yet) in the table may be one still connecting: it is taken for a non-TCP socket only after a second.
            if (!t && now - (this.firstSeen.get(inode) ?? (this.firstSeen.set(inode, now), now)) < 1000) continue;
            this.portOf.set(inode, t && t.remotePort === this.dbPort ? t.localPort : null);
          }
        }
      }
      const ports = new Map<number, string>();
      for (const [owner, set] of inodes) for (const inode of set) if (this.portOf.get(inode)) ports.set(this.portOf.get(inode)!, owner);
      for (const r of fresh) this.serves.set(`${r.pid}@${r.since}`, (r.client_port !== null && ports.get(r.client_port)) || null);
    }
    for (const r of rows) {
      const key = `${r.pid}@${r.since}`;
      const owner = r.backend_type === 'client backend' ? this.serves.get(key) : undefined;
      if (owner === null) continue;
      const cpu = taskCpu(r.pid);
      if (!cpu) continue;
      if (owner) {
        const b = this.backends.get(key);
        if (!b) this.backends.set(key, { owner, pid: r.pid, start: cpu.start, seconds: cpu.seconds, seen: sweep });
        else if (b.start === cpu.start) Object.assign(b, { seconds: Math.max(b.seconds, cpu.seconds), seen: sweep });
      } else {
        this.background.set(key, cpu.seconds);
      }
    }
    // Backends that no longer show but whose process is still there (closing): read one last time.
    for (const b of this.backends.values()) {
      if (b.seen === sweep) continue;
      const cpu = taskCpu(b.pid);
      if (cpu && cpu.start === b.start) b.seconds = Math.max(b.seconds, cpu.seconds);
    }
  }

  /**
   * A fresh reading. A backend first seen by this reading counts whole (it was born since the last sample, or is the
   * first reading of the run, before any phase).
   */
  async read(): Promise<CpuReading> {
    await this.sample();
    const process_: Record<string, number> = {};
    for (const [name, pid] of this.owners) process_[name] = processCpuSeconds(pid) ?? NaN;
    const usage = process.cpuUsage();
    process_['load generator'] = (usage.user + usage.system) / 1e6;
    const backends: Record<string, number> = {};
    let closed = 0;
    for (const b of this.backends.values()) {
      backends[b.owner] = (backends[b.owner] ?? 0) + b.seconds;
      if (b.seen !== this.sweep) closed++;
    }
    let postgresBackground = 0;
    for (const s of this.background.values()) postgresBackground += s;
    return { at: Date.now(), process: process_, backends, postgresBackground, machine: machineBusySeconds(), closedBackends: closed };
  }
}

/** What a phase cost: CPU milliseconds of each process of `names` per unit (per referral, or per second at rest). */
export interface CpuCost {
  /** Each process, 'postgres' (the backends of those processes' connections), 'kafka', 'load generator'. */
  perUnit: Record<string, number>;
  /** The sum of perUnit. */
  total: number;
  /** The backends by the process they serve. */
  postgresBy: Record<string, number>;
  /** Not attributed, per unit: PostgreSQL's background processes (shared by the cluster). */
  postgresBackgroundPerUnit: number;
  /** Not attributed, per second of the phase: every other process of the machine. */
  restOfMachineMsPerSecond: number;
  closedBackends: number;
}

export function cpuCost(before: CpuReading, after: CpuReading, names: string[], units: number, kafka = 'kafka'): CpuCost {
  const ms = (s: number) => Number(((s * 1000) / units).toFixed(2));
  // A process or a group of backends never seen is NaN, not 0: the run's check then names it as missing.
  const diff = (a: Record<string, number>, b: Record<string, number>, k: string) => (k in a ? a[k] - (b[k] ?? 0) : NaN);
  const known = (n: number) => (Number.isFinite(n) ? n : 0);
  const perUnit: Record<string, number> = {};
  const postgresBy: Record<string, number> = {};
  let attributed = 0;
  for (const name of names) {
    const d = diff(after.process, before.process, name);
    perUnit[name] = ms(d);
    attributed += known(d);
  }
  let postgres = 0;
  for (const name of names) {
    const d = diff(after.backends, before.backends, name);
    postgresBy[name] = ms(d);
    postgres += d;
  }
  perUnit.postgres = ms(postgres);
  attributed += known(postgres);
  const broker = diff(after.process, before.process, kafka);
  perUnit.kafka = ms(broker);
  const load = diff(after.process, before.process, 'load generator');
  perUnit['load generator'] = ms(load);
  attributed += known(broker) + load;
  const background = after.postgresBackground - before.postgresBackground;
  const seconds = (after.at - before.at) / 1000;
  const rest = after.machine - before.machine - attributed - background;
  return {
    perUnit,
    total: Number(Object.values(perUnit).reduce((a, b) => a + b, 0).toFixed(2)),
    postgresBy,
    postgresBackgroundPerUnit: ms(background),
    restOfMachineMsPerSecond: Number(((Math.max(0, rest) * 1000) / seconds).toFixed(0)),
    closedBackends: after.closedBackends - before.closedBackends,
  };
}
