/**
 * The Lab tab on the host: which story is shown, the run in progress (one at a time), and
 * the view model in the learner's language. The kernel runs in a child process (run.ts);
 * the simulator's column is computed here, before any run, so the prediction shows first.
 * No `vscode` import: the extension wires it to the webviews (and tests drive it directly).
 */
import { release } from 'node:os';
import type { LabText } from '../../i18n/lab';
import type { LabIntent, LabModel, LabRunStatus, LabStepView } from '../../shared/protocol';
import type { KernelStepReport, DisagreementReason, StepErrors } from '../../core/lab/result';
import { judgeStep } from '../../core/lab/result';
import type { SimColumn } from '../../core/lab/sim';
import { simColumn } from '../../core/lab/sim';
import { LAB_STORIES, LESSON_LAB_TWINS, findStory } from '../../core/lab/stories';
import type { HostPair, LabStory } from '../../core/lab/types';
import type { StateId } from '../../core/tcp/states';
import type { KernelCommand } from '../../lab/run';
import { LabRunError, runLab } from '../../lab/run';

export interface LabPresenterOptions {
  /** How to start the kernel child, or null where the lab cannot run (then `unavailableReason`). */
  readonly command: KernelCommand | null;
  readonly unavailableReason: string | null;
  /** Sends the lab's model to every webview; `reveal` shows the Lab tab. */
  readonly show: (reveal: boolean) => void;
  readonly log: (message: string) => void;
}

interface Run {
  readonly story: string;
  status: LabRunStatus;
  readonly reports: KernelStepReport[];
  error: string | null;
  readonly controller: AbortController;
}

function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

export class LabPresenter {
  private selected: string = LAB_STORIES[0].name;
  private current: Run | null = null;
  private readonly sims = new Map<string, SimColumn>();

  constructor(private readonly options: LabPresenterOptions) {}

  get available(): boolean {
    return this.options.command !== null;
  }

  private sim(story: LabStory): SimColumn {
    let col = this.sims.get(story.name);
    if (!col) {
      col = simColumn(story);
      this.sims.set(story.name, col);
    }
    return col;
  }

  intent(intent: LabIntent): void {
    switch (intent.type) {
      case 'lab/select':
        if (!findStory(intent.story)) return;
        this.selected = intent.story;
        this.options.show(false);
        return;
      case 'lab/run':
        this.run(intent.story, false);
        return;
      case 'lab/cancel':
        this.current?.controller.abort();
        return;
    }
  }

  /** Plays a story on the kernel (cancelling any run in progress); `reveal` shows the Lab tab. */
  run(name: string, reveal: boolean): void {
    const story = findStory(name);
    if (!story) return;
    this.selected = name;
    this.current?.controller.abort();
    if (!this.options.command) {
      this.options.show(reveal);
      return;
    }
    const run: Run = { story: name, status: 'running', reports: [], error: null, controller: new AbortController() };
    this.current = run;
    this.options.show(reveal);
    runLab(story, this.options.command, {
      signal: run.controller.signal,
      onStep: (report) => {
        run.reports.push(report);
        if (this.current === run) this.options.show(false);
      },
    }).then(
      () => {
        run.status = 'done';
        if (this.current === run) this.options.show(false);
      },
      (error: unknown) => {
        const message = error instanceof LabRunError || error instanceof Error ? error.message : String(error);
        run.status = run.controller.signal.aborted ? 'cancelled' : 'failed';
        run.error = message;
        if (run.status === 'failed') this.options.log(`kernel lab: ${name}: ${message}`);
        if (this.current === run) this.options.show(false);
      },
    );
  }

  /** Cancels a run in progress (its child tears everything down). */
  dispose(): void {
    this.current?.controller.abort();
  }

  model(text: LabText): LabModel {
    const ui = text.ui;
    const story = findStory(this.selected) ?? LAB_STORIES[0];
    const storyText = text.stories[story.name];
    const sim = this.sim(story);
    const run = this.current && this.current.story === story.name ? this.current : null;
    const states = (s: HostPair<StateId>): HostPair<StateId> => ({ A: s.A, B: s.B });
    const notes = (e: StepErrors | null): string[] => {
      if (!e) return [];
      const out: string[] = [];
      for (const h of ['A', 'B'] as const) {
        const err = e[h];
        if (err) out.push(format(ui.errorLine, { host: h, error: text.errors[err] }));
      }
      if (e.call) out.push(format(ui.callErrorLine, { error: text.errors[e.call] }));
      return out;
    };
    const why = (reasons: readonly DisagreementReason[]): string =>
      reasons
        .map((r) => {
          switch (r.kind) {
            case 'no-sim':
              return format(ui.whyNoSim, { detail: r.detail });
            case 'legacy':
              return ui.whyLegacy;
            case 'known':
              return ui.whyWindowUpdate;
            case 'timeout':
              return format(ui.whyTimeout, { want: `A ${r.want.A}, B ${r.want.B}`, seconds: r.seconds, seen: `A ${r.seen.A}, B ${r.seen.B}` });
            case 'differ':
              return format(ui.whyDiffer, { sim: `A ${r.sim.states.A}, B ${r.sim.states.B}`, kernel: `A ${r.kernel.states.A}, B ${r.kernel.states.B}` });
          }
        })
        .join(' ');
    let differ = 0;
    const steps: LabStepView[] = story.steps.map((step, i) => {
      const t = storyText?.steps[step.id];
      const s = sim.ok ? sim.steps[i] : null;
      const k = run?.reports.find((r) => r.index === i) ?? null;
      const judged = k ? judgeStep(story, i, sim, k) : null;
      if (judged && !judged.agree && sim.ok) differ++;
      return {
        action: t?.action ?? step.action,
        explain: t?.explain ?? '',
        sim: s ? states(s.states) : null,
        kernel: k ? states(k.states) : null,
        agree: judged ? (sim.ok ? judged.agree : null) : null,
        simNotes: notes(s ? s.errors : null),
        kernelNotes: notes(k ? k.errors : null),
        // With no prediction at all, the reason is said once for the story (simNote), not per step.
        why: judged && !judged.agree && sim.ok ? why(judged.reasons) : null,
      };
    });
    const status: LabRunStatus = run ? run.status : 'idle';
    let statusText: string;
    switch (status) {
      case 'idle':
        statusText = ui.statusIdle;
        break;
      case 'running':
        statusText = format(ui.statusRunning, { n: Math.min((run?.reports.length ?? 0) + 1, story.steps.length), total: story.steps.length });
        break;
      case 'done':
        statusText = !sim.ok ? ui.statusDoneNoSim : differ === 0 ? ui.statusDone : format(ui.statusDoneDiffer, { count: differ, total: story.steps.length });
        break;
      case 'failed':
        statusText = format(ui.statusFailed, { error: run?.error ?? '' });
        break;
      case 'cancelled':
        statusText = ui.statusCancelled;
        break;
    }
    const model = sim.ok ? (sim.model === 'sockets' ? ui.modelSockets : ui.modelLegacy) : ui.modelNone;
    return {
      available: this.available,
      unavailableReason: this.options.unavailableReason ? format(ui.unavailable, { reason: this.options.unavailableReason }) : null,
      strings: ui,
      stories: LAB_STORIES.map((s) => ({ name: s.name, title: text.stories[s.name]?.title ?? s.title })),
      story: {
        name: story.name,
        title: storyText?.title ?? story.title,
        summary: storyText?.summary ?? '',
        steps,
        status,
        statusText,
        simNote: sim.ok ? null : format(ui.whyNoSim, { detail: sim.reason }),
        platform: run && run.reports.length > 0 ? format(ui.platform, { platform: `${process.platform} ${release()}`, model }) : null,
      },
      twins: this.available ? LESSON_LAB_TWINS.map((t) => ({ lesson: t.lesson, step: t.step, story: t.story })) : [],
    };
  }
}
