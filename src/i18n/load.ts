/** Reads a language's catalog (built into dist/locale/) once, when it is first needed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from './catalog';
import type { Locale } from './types';

const cache = new Map<string, Catalog>();

export function loadCatalog(extensionPath: string, locale: Locale): Catalog {
  const file = join(extensionPath, 'dist', 'locale', `${locale}.json`);
  const cached = cache.get(file);
  if (cached) return cached;
  let catalog: Catalog;
  try {
    catalog = JSON.parse(readFileSync(file, 'utf8')) as Catalog;
  } catch (error) {
    throw new Error(`TCP Tutor's ${locale} text (${file}) could not be read: ${error instanceof Error ? error.message : String(error)}. Rebuild with npm run build.`);
  }
  if (catalog.locale !== locale || !catalog.ui || !catalog.diagram) throw new Error(`${file} is not a ${locale} catalog. Rebuild with npm run build.`);
  cache.set(file, catalog);
  return catalog;
}
