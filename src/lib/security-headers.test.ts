import { describe, expect, it } from 'vitest';
import { adminContentSecurityPolicy, netlifyHeadersFile, securityHeaders, siteContentSecurityPolicy } from './security-headers.ts';

describe('security headers', () => {
  it('allow nothing inline and nothing from elsewhere on the site', () => {
    expect(siteContentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self' https://github.com",
    );
    expect(siteContentSecurityPolicy).not.toContain('unsafe-inline');
    expect(securityHeaders('/programy/x/')['Content-Security-Policy']).toBe(siteContentSecurityPolicy);
  });

  it('relax only /admin/, and let it reach decap-server only when one is named', () => {
    expect(securityHeaders('/admin/')['Content-Security-Policy']).toBe(adminContentSecurityPolicy());
    expect(adminContentSecurityPolicy()).not.toContain('127.0.0.1');
    expect(adminContentSecurityPolicy({ cmsLocalBackend: 'http://127.0.0.1:8081/api/v1' })).toContain("connect-src 'self' blob: https://api.github.com http://127.0.0.1:8081;");
    expect(securityHeaders('/administracja/')['Content-Security-Policy']).toBe(siteContentSecurityPolicy);
  });

  it('write a _headers file whose CSP rules never overlap', () => {
    const file = netlifyHeadersFile(['admin/', 'programy/', 'index.html', '_astro/', '_headers', '404.html']);
    const rules = file.split('\n').filter((line) => line.startsWith('/'));
    expect(rules).toEqual(['/*', '/', '/404.html', '/_astro/*', '/index.html', '/programy/*', '/admin/*']);
    const blocks = file.split(/\n(?=\/)/);
    expect(blocks.filter((b) => b.includes('Content-Security-Policy')).every((b) => !b.startsWith('/*\n'))).toBe(true);
    expect(blocks.find((b) => b.startsWith('/admin/*'))).toContain(adminContentSecurityPolicy());
    expect(blocks.find((b) => b.startsWith('/*\n'))).toContain('Strict-Transport-Security: max-age=63072000; includeSubDomains');
  });
});
