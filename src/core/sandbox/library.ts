/**
 * The preset stories of the sandbox: the scenario library (scenarios/*.tcp.json), parsed
 * once. Their titles and "watch for" lines are learner text and live in src/i18n; the host
 * passes the order they are listed in.
 */
import type { Scenario } from '../tcp';
import { parseScenario } from '../tcp';

export interface LibraryFile {
  /** File name, e.g. `normal-open.tcp.json`. */
  readonly name: string;
  readonly text: string;
}

export class PresetLibrary {
  private readonly scenarios = new Map<string, Scenario>();
  readonly problems: string[] = [];

  constructor(
    files: readonly LibraryFile[],
    /** Preset ids in the order they are listed; presets not named come after, sorted. */
    private readonly order: readonly string[] = [],
  ) {
    for (const f of files) {
      if (!f.name.endsWith('.tcp.json')) continue;
      const id = f.name.slice(0, -'.tcp.json'.length);
      const parsed = parseScenario(f.text);
      if (parsed.ok) this.scenarios.set(id, parsed.scenario);
      else this.problems.push(`${f.name}: ${parsed.errors[0]?.message ?? 'invalid'}`);
    }
  }

  ids(): string[] {
    const known = this.order.filter((id) => this.scenarios.has(id));
    const rest = [...this.scenarios.keys()].filter((id) => !known.includes(id)).sort();
    return [...known, ...rest];
  }

  scenario(id: string): Scenario | undefined {
    return this.scenarios.get(id);
  }
}
