/** Constants shared by host and webview that must not pull anything else into the webview bundle. */
export const ZOOM_STEPS: readonly number[] = [0.75, 1, 1.25, 1.5, 2];
