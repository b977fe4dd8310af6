/**
 * Host-side strings (panel titles, notifications, output channel). `vscode.l10n.t` serves
 * them in VS Code's display language from l10n/bundle.l10n.*.json; when the learner has
 * chosen another language with `tcpTutor.language`, the same bundle is read directly so the
 * whole tutor speaks one language.
 */
import * as vscode from 'vscode';
import type { Locale } from '../i18n/types';
import zhCnBundle from '../../l10n/bundle.l10n.zh-cn.json';

const BUNDLES: Readonly<Record<Exclude<Locale, 'en'>, Readonly<Record<string, string>>>> = { 'zh-cn': zhCnBundle };

function fill(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (Number(index) < args.length ? String(args[Number(index)]) : whole));
}

export function hostT(locale: Locale, message: string, ...args: (string | number)[]): string {
  const display = vscode.env.language.toLowerCase();
  if (locale === 'en') return display.startsWith('en') ? vscode.l10n.t(message, ...args) : fill(message, args);
  if (display === locale) return vscode.l10n.t(message, ...args);
  return fill(BUNDLES[locale][message] ?? message, args);
}
