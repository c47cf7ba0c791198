/**
 * The README and docs/ link to each other by relative paths and heading anchors; a moved page or a renamed heading
 * would leave a dead link that nobody notices until a newcomer clicks it. This reads every Markdown link in README.md
 * and docs/**, and checks that its file exists and, for `#anchor`, that the target has a heading with that GitHub slug.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's heading anchor: lower case, punctuation dropped (hyphens kept), spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  return new Set([...withoutCode.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1]!)));
}

/** [text](target) outside code blocks and code spans; external links and mail are not ours to check. */
function linksOf(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target));
}

/** The links of `markdown` (the text of `page`) whose file or heading does not exist. */
function deadLinks(page: string, markdown: string): string[] {
  const dead: string[] = [];
  for (const link of linksOf(markdown)) {
    const [path = '', anchor] = link.split('#');
    const target = path === '' ? page : normalize(join(dirname(page), decodeURI(path)));
    if (!existsSync(target)) {
      dead.push(`${link} (no file ${target})`);
    } else if (anchor && target.endsWith('.md') && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
      dead.push(`${link} (no heading #${anchor} in ${target})`);
    }
  }
  return dead;
}

const pages = ['README.md', ...markdownFiles('docs')];

describe('links in README.md and docs/', () => {
  it('finds the pages and their links', () => {
    expect(pages).toContain('docs/architecture.md');
    expect(linksOf(readFileSync('README.md', 'utf8')).length).toBeGreaterThan(5);
  });

  it.each(pages)('every relative link of %s resolves to a file and a heading', (page) => {
    expect(deadLinks(page, readFileSync(page, 'utf8'))).toEqual([]);
  });

  it('notices a dead file and a dead anchor, and reads anchors as GitHub writes them', () => {
    const markdown = '[gone](nowhere.md), [bad](api.md#no-such-heading), [ok](api.md#errors), `[code](x.md)`';
    expect(deadLinks('docs/index.md', markdown)).toEqual([
      'nowhere.md (no file docs/nowhere.md)',
      'api.md#no-such-heading (no heading #no-such-heading in docs/api.md)',
    ]);
    expect(slug('Sign-In with Ethereum (operator notes and documents)')).toBe(
      'sign-in-with-ethereum-operator-notes-and-documents',
    );
    expect(slug('Read-only JSON API `/api/v1`')).toBe('read-only-json-api-apiv1');
  });
});
