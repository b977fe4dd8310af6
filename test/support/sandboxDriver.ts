/**
 * The free sandbox as the host runs it, without VS Code: the core controller, the presenter
 * and the exports, behind the methods tests need (intents in, view models out).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxController } from '../../src/core/sandbox/controller';
import { PresetLibrary } from '../../src/core/sandbox/library';
import { SandboxSession } from '../../src/core/sandbox/session';
import type { Locale } from '../../src/i18n/types';
import { CATALOGS } from '../../src/i18n/catalog';
import type { SandboxIntent, SandboxModel, SandboxPreset } from '../../src/shared/protocol';
import { sandboxCommand } from '../../src/shared/protocol';
import type { PresetTextSource, RowsKnown } from '../../src/host/sandbox/presenter';
import { exportContent, presentSandbox, presetList } from '../../src/host/sandbox/presenter';

const ROOT = join(__dirname, '..', '..');

export const presetText: PresetTextSource = (id, locale) => CATALOGS[locale].presets[id];

/** The scenario library of the repository, in the catalog's order. */
export function presetLibrary(): PresetLibrary {
  const dir = join(ROOT, 'scenarios');
  return new PresetLibrary(
    readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })),
    CATALOGS.en.presetOrder,
  );
}

export function presets(library: PresetLibrary, locale: Locale): SandboxPreset[] {
  return presetList(library, presetText, locale);
}

export interface DriverResult {
  readonly changed: boolean;
  readonly problem: string | null;
  readonly export?: { readonly format: 'mermaid' | 'scenario' | 'svg'; readonly content: string };
}

export class SandboxDriver {
  readonly controller: SandboxController;

  constructor(library: PresetLibrary = presetLibrary()) {
    this.controller = new SandboxController(SandboxSession.create(), library);
  }

  get session(): SandboxSession {
    return this.controller.session;
  }

  rows(): ReturnType<SandboxController['rows']> {
    return this.controller.rows();
  }

  get epoch(): number {
    return this.controller.epoch;
  }

  /** What the sandbox feature does with a webview's intent. */
  handle(intent: SandboxIntent, locale: Locale): DriverResult {
    const command = sandboxCommand(intent);
    if (command) return this.controller.handle(command);
    if (intent.type !== 'sandbox/export') throw new Error(`unexpected ${intent.type}`);
    return { changed: false, problem: null, export: { format: intent.format, content: exportContent(this.controller, presetText, locale, intent.format) } };
  }

  model(locale: Locale, known: RowsKnown | null, problem: string | null = null): SandboxModel {
    return presentSandbox(this.controller, presetText, locale, known, problem);
  }
}
