/** Fills `{name}` placeholders; an unknown placeholder is left as it is, so a gap is visible. */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
