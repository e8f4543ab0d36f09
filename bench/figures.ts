// Every figure the benchmark prints goes through here, so the run can check that each one exists and is a positive,
// finite number: a phase that silently measured nothing (no alerts, no broker process, a backend not found) fails the
// run — the smoke run inside `npm test` too — naming the figure, instead of printing NaN, 0 or undefined in a table.

export class Figures {
  private readonly printed: Array<{ name: string; value: unknown }> = [];

  /** Records a printed figure under a name and returns it as printed. */
  f(name: string, value: unknown): string {
    this.printed.push({ name, value });
    return String(value);
  }

  /** Each entry of a record, as `key value` pairs joined by commas, each recorded as `name.key`. */
  row(name: string, values: Record<string, unknown>): string {
    return Object.entries(values).map(([k, v]) => `${k} ${this.f(`${name}.${k}`, v)}`).join(', ');
  }

  /** The figures that are missing, not numbers, not finite or not positive, with what they were. */
  bad(): string[] {
    return this.printed
      .filter(({ value }) => typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      .map(({ name, value }) => `${name} = ${value === undefined ? 'missing' : typeof value === 'number' ? value : JSON.stringify(value)}`);
  }

  get count(): number {
    return this.printed.length;
  }
}
