/**
 * The live tutor webviews (the side panel's and the editor tab's), as the features see them:
 * each can be posted to once its page has said it is ready. The panels add and remove them;
 * features read the set to send their pictures, and keep what they need per view.
 */
import type { ToWebviewMessage, WebviewKind } from '../shared/protocol';

export interface TutorView {
  readonly kind: WebviewKind;
  /** The page has loaded and said `ready`; messages posted before that are lost. */
  readonly ready: boolean;
  post(message: ToWebviewMessage): void;
}

export class TutorViews {
  private readonly live = new Set<TutorView>();

  add(view: TutorView): void {
    this.live.add(view);
  }

  delete(view: TutorView): void {
    this.live.delete(view);
  }

  all(): readonly TutorView[] {
    return [...this.live];
  }
}

/**
 * A feature of the tutor webview: takes the messages whose type starts with its prefix
 * (`sandbox/`, `course/`, ...), and sends its picture to a view that (re)starts.
 */
export interface Feature<M extends { readonly type: string }> {
  receive(message: M, from: TutorView): void;
  /** The view's page (re)started: send it everything this feature shows. */
  show?(view: TutorView): void;
  /** The view is gone: forget what was kept for it. */
  forget?(view: TutorView): void;
}
