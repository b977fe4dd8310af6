/**
 * The captures shipped with the extension (media/captures/<name>.pcapng) that lessons offer to
 * open in the capture editor. Real tcpdump captures on loopback, made by
 * test/fixtures/captures/make.sh; each is a few KB. Part of the host-webview contract: the
 * `course/openCapture` intent names one of these and nothing else.
 */
export const SHIPPED_CAPTURES = ['normal', 'halfclose', 'abort', 'simclose'] as const;

export type ShippedCapture = (typeof SHIPPED_CAPTURES)[number];

export function isShippedCapture(v: unknown): v is ShippedCapture {
  return typeof v === 'string' && (SHIPPED_CAPTURES as readonly string[]).includes(v);
}

/** The capture's path inside the extension, as path segments. */
export function shippedCapturePath(name: ShippedCapture): readonly string[] {
  return ['media', 'captures', `${name}.pcapng`];
}
