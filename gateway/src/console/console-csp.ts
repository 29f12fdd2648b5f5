/**
 * The console's Content Security Policy. Scripts only from this origin (the build has no inline script); style
 * elements only from this origin or carrying the per-response nonce (Ant Design's CSS-in-JS gets it from
 * <meta name="csp-nonce">); inline style *attributes* are allowed because chart tooltips position themselves with
 * them, and they cannot run code. The console talks only to this gateway, plus the OIDC provider when configured.
 * 'report-sample' puts the first characters of a refused inline script or style into the violation report.
 * Known refusal: Ant Design's table measures the scrollbar by inserting a <style> without a nonce
 * (@rc-component/util getScrollBarSize); it is refused, and the table falls back to the default scrollbar width.
 */
export function consoleCsp(nonce: string, oidcAuthority?: string): string {
  const connect = ["'self'", ...(oidcAuthority ? [new URL(oidcAuthority).origin] : [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self' 'report-sample'",
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}' 'report-sample'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
