import { strict as assert } from 'node:assert';
import { readLanguageSetting, resolveLocale } from '../../../src/host/locale';
import { contentSecurityPolicy, renderHtml } from '../../../src/host/webviewHtml';
import { UI_STRINGS } from '../../../src/i18n/ui';
import { format } from '../../../src/shared/format';

describe('language', () => {
  it('follows VS Code when set to auto, and the setting otherwise', () => {
    assert.equal(resolveLocale('auto', 'en'), 'en');
    assert.equal(resolveLocale('auto', 'zh-cn'), 'zh-cn');
    assert.equal(resolveLocale('auto', 'zh-TW'), 'zh-cn');
    assert.equal(resolveLocale('auto', 'ja'), 'en');
    assert.equal(resolveLocale('zh-cn', 'en'), 'zh-cn');
    assert.equal(resolveLocale('en', 'zh-cn'), 'en');
  });

  it('treats an unexpected setting value as auto', () => {
    assert.equal(readLanguageSetting('zh-cn'), 'zh-cn');
    assert.equal(readLanguageSetting('ZH'), 'auto');
    assert.equal(readLanguageSetting(undefined), 'auto');
    assert.equal(readLanguageSetting(3), 'auto');
  });
});

describe('webview HTML', () => {
  const html = renderHtml({ cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/webview.css', lang: 'zh-CN', nonce: 'abc123' });

  it('has a strict content security policy', () => {
    const csp = contentSecurityPolicy('https://x.vscode-cdn.net', 'abc123');
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.ok(html.includes(`content="${csp}"`));
  });

  it('loads the script only by nonce and has no inline handlers or styles', () => {
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/dist\/webview.js"><\/script>/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /\son[a-z]+=|style=|<style/i);
    assert.match(html, /<html lang="zh-CN">/);
  });

  it('makes a fresh unguessable nonce each time', () => {
    const a = renderHtml({ cspSource: 'c', scriptUri: 's', styleUri: 't', lang: 'en' });
    const b = renderHtml({ cspSource: 'c', scriptUri: 's', styleUri: 't', lang: 'en' });
    const nonce = (h: string) => /nonce="([^"]+)"/.exec(h)?.[1] ?? '';
    assert.notEqual(nonce(a), nonce(b));
    assert.ok(nonce(a).length >= 20);
  });
});

describe('interface strings', () => {
  it('exist in both languages, none empty, with the same placeholders', () => {
    const en = UI_STRINGS.en;
    const zh = UI_STRINGS['zh-cn'];
    assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
    const placeholders = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      assert.ok(en[key].trim() && zh[key].trim(), key);
      assert.equal(placeholders(zh[key]), placeholders(en[key]), key);
    }
  });

  it('Chinese strings are written in Chinese (apart from names)', () => {
    const exempt = new Set(['languageEn', 'languageZh', 'zoomStatus', 'transitionTitle', 'originStandard', 'profileLinux', 'profileRfc', 'rowCall']);
    for (const [key, value] of Object.entries(UI_STRINGS['zh-cn'])) {
      if (exempt.has(key) || /^\{.*\}$/.test(value)) continue;
      assert.match(value, /[\u4e00-\u9fff]/, key);
    }
  });

  it('formats placeholders and leaves unknown ones visible', () => {
    assert.equal(format('{a} and {b}', { a: 1 }), '1 and {b}');
  });
});
