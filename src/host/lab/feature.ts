/**
 * The kernel lab on the host: takes the `lab/` messages and sends the Lab tab's picture to
 * every tutor webview. Desktop (Node) hosts only: the web build leaves it out (the Lab tab
 * stays hidden there), since it starts child processes and opens sockets.
 */
import type { FromLabMessage } from '../../shared/protocol';
import type { Feature, TutorView, TutorViews } from '../views';
import type { HostText } from '../text';
import { LabPresenter } from './presenter';
import { LAB_TEXT } from '../../i18n/lab';
import { labCommand } from './labHost';

export class LabFeature implements Feature<FromLabMessage> {
  private readonly presenter: LabPresenter;

  constructor(
    private readonly views: TutorViews,
    private readonly text: HostText,
    extensionPath: string,
  ) {
    const { command, reason } = labCommand(extensionPath);
    this.presenter = new LabPresenter({
      command,
      unavailableReason: reason,
      show: (reveal) => {
        for (const view of this.views.all()) this.send(view, reveal);
      },
      log: (message) => this.text.log.warn(message),
    });
  }

  private send(view: TutorView, reveal = false): void {
    view.post({ type: 'lab', model: this.presenter.model(LAB_TEXT[this.text.locale()]), reveal });
  }

  receive(message: FromLabMessage): void {
    this.presenter.intent(message);
  }

  show(view: TutorView): void {
    this.send(view);
  }

  dispose(): void {
    this.presenter.dispose();
  }
}
