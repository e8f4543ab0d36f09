// Every figure the benchmark prints goes through here, so the run can check that each one exists and is a positive,
// finite number: a phase that silently measured nothing (no alerts, no broker process, a backend not found) fails the
// run — the smoke run inside `npm test` too — naming the figure, instead of printing NaN, 0 or undefined in a table.

export class Figures {
  private readonly printed: Array<{ name: string; value: unknown; zeroAllowed: boolean }> = [];

  /**
   * Records a printed figure under a name and returns it as printed. `zeroAllowed` for a figure whose goal is zero (a
   * process's CPU at rest): it must still be there and a finite number, but 0 is a result, not a failure to measure.
   */
  f(name: string, value: unknown, zeroAllowed = false): string {
    this.printed.push({ name, value, zeroAllowed });
    return String(value);
  }

  /** Each entry of a record, as `key value` pairs joined by commas, each recorded as `name.key`. */
  row(name: string, values: Record<string, unknown>, zeroAllowed = false): string {
    return Object.entries(values).map(([k, v]) => `${k} ${this.f(`${name}.${k}`, v, zeroAllowed)}`).join(', ');
  }

  /** The figures that are missing, not numbers, not finite or not positive (negative, where zero is allowed), with what they were. */
  bad(): string[] {
    return this.printed
      .filter(({ value, zeroAllowed }) => typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed))
      .map(({ name, value }) => `${name} = ${value === undefined ? 'missing' : typeof value === 'number' ? value : JSON.stringify(value)}`);
  }

  get count(): number {
    return this.printed.length;
  }
}
