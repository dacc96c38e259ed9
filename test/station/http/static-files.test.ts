import { describe, expect, it } from 'vitest';
import { contentTypeOf, servableNames, staticTarget } from '../../../station/http/static-files.js';

const NAMES = new Set(['index.html', 'app.js', 'strings.js', 'style.css']);

describe("the station page's files", () => {
  it('types html, js and css as UTF-8 text and nothing else', () => {
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('app.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('style.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('notes.md')).toBeUndefined();
    expect(contentTypeOf('.js')).toBeUndefined();
  });

  it('serves only plain files of a known type from the folder listing', () => {
    const entry = (name: string, file = true) => ({ name, isFile: () => file });
    expect([...servableNames([entry('index.html'), entry('app.js'), entry('README.md'), entry('assets.css', false)])]).toEqual(['index.html', 'app.js']);
  });

  it('maps / to index.html and a listed name to itself, query ignored, percent-decoded', () => {
    expect(staticTarget('GET', '/', NAMES)).toEqual({ name: 'index.html' });
    expect(staticTarget('HEAD', '/app.js?v=2', NAMES)).toEqual({ name: 'app.js' });
    expect(staticTarget('GET', '/style%2Ecss', NAMES)).toEqual({ name: 'style.css' });
  });

  it('refuses every way out of the folder', () => {
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/..\\package.json', '/%5c..%5capp.js', '//app.js', '/./app.js', '/ws']) {
      expect(staticTarget('GET', path, NAMES), path).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
    for (const path of ['/app.js%00', '/app.js\0', '/%E0%A4%A', 'app.js', '*']) {
      expect(staticTarget('GET', path, NAMES), path).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    }
  });

  it('allows GET and HEAD only', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect(staticTarget(method, '/', NAMES), method).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    }
  });
});
