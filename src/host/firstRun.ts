/**
 * The first hour: on the first activation in a profile, open the "Get started" walkthrough,
 * unless the user has told VS Code not to open walkthroughs on install
 * (`workbench.welcomePage.walkthroughs.openOnInstall`, which the test profiles turn off).
 * VS Code opens a walkthrough itself only when an extension is installed while it runs; one
 * installed from the command line before start-up (as `npm start` does) would never show it.
 */
import * as vscode from 'vscode';

export const WALKTHROUGH_OFFERED_KEY = 'tcpTutor.walkthroughOffered';
export const WALKTHROUGH_ID = 'getStarted';

export function offerWalkthrough(context: vscode.ExtensionContext): void {
  if (context.globalState.get(WALKTHROUGH_OFFERED_KEY) === true) return;
  if (vscode.workspace.getConfiguration('workbench.welcomePage.walkthroughs').get('openOnInstall') === false) return;
  void context.globalState.update(WALKTHROUGH_OFFERED_KEY, true);
  const id = context.extension?.id ?? 'tcp-tutor.tcp-tutor';
  void Promise.resolve(vscode.commands.executeCommand('workbench.action.openWalkthrough', `${id}#${WALKTHROUGH_ID}`, false)).then(undefined, () => undefined);
}
