import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/params/table';
import { embedSnippets, type Snippet } from '../../src/share/snippets';

// The "Copy embed code" snippets built by the real engines a blogger uses (Debian's hugo and
// jekyll; .ci/run installs them). A missing engine fails with how to install it, never a skip.

const SITE = 'https://example.org/nn/';
const snippets = embedSnippets({ ...defaultParams(), lr: 0.5, noise: 1, hide: ['log'], view: ['loss', 'fit'] }, SITE);
const of = (id: Snippet['id']): Snippet => snippets.find((s) => s.id === id)!;
const WANT = `<simplest-nn lr="0.5" noise="1" hide="log" view="loss,fit"></simplest-nn>`;

function engine(name: string): string {
  const path = `/usr/bin/${name}`;
  if (!existsSync(path)) throw new Error(`${name} is not installed: sudo apt-get install -y ${name}`);
  return path;
}

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'snnsite-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the blog-engine snippets, built by the engines themselves', () => {
  it('Hugo: the shortcode renders the element with exactly the given attributes', () => {
    const hugo = engine('hugo');
    const s = of('hugo');
    const dir = site({
      'config.toml': 'baseURL = "https://blog.example/"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n',
      'layouts/_default/single.html': '{{ .Content }}',
      'layouts/_default/list.html': '{{ .Content }}',
      [s.files[0]!.path]: s.files[0]!.code,
      'content/post.md': `---\ntitle: post\n---\n\nBefore.\n\n${s.use}\n\nAfter.\n`,
    });
    execFileSync(hugo, ['--quiet', '-s', dir, '-d', join(dir, 'out')], { stdio: 'pipe' });
    const html = readFileSync(join(dir, 'out', 'post', 'index.html'), 'utf8');
    expect(html).toContain(`<script src="${SITE}embed.js" async></script>`);
    expect(html).toContain(WANT);
  });

  it('Jekyll: the include renders the element with exactly the given attributes', () => {
    const jekyll = engine('jekyll');
    const s = of('jekyll');
    const dir = site({
      '_config.yml': 'title: t\n',
      [s.files[0]!.path]: s.files[0]!.code,
      'post.md': `---\nlayout: null\n---\n\nBefore.\n\n${s.use}\n\nAfter.\n`,
    });
    execFileSync(jekyll, ['build', '--quiet', '-s', dir, '-d', join(dir, '_site')], {
      stdio: 'pipe',
      env: { ...process.env, JEKYLL_NO_BUNDLER_REQUIRE: 'true' },
    });
    const html = readFileSync(join(dir, '_site', 'post.html'), 'utf8');
    // kramdown writes the boolean attribute out (async=""): the same script tag.
    expect(html).toMatch(new RegExp(`<script src="${SITE}embed\\.js" async(="")?></script>`));
    expect(html).toContain(WANT);
  });

  it('the iframe and the HTML snippets carry the same parameters', () => {
    expect(of('html').use).toContain(WANT);
    expect(of('iframe').use).toContain(`src="${SITE}embed.html?lr=0.5&amp;noise=1&amp;hide=log&amp;view=loss%2Cfit"`);
  });
});
