import { Writable } from 'node:stream';
import { createElement, type ReactElement } from 'react';
import { renderToPipeableStream, renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { withoutUnwrittenTail } from './react-stream.server';

/** The document as entry.server.tsx collects it, with or without the mend. */
function render(element: ReactElement, mend: boolean) {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const document = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(mend ? withoutUnwrittenTail(chunk) : chunk);
        done();
      },
      final(done) {
        resolve(Buffer.concat(chunks));
        done();
      },
    });
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(document), onShellError: reject });
  });
}

/** Chinese text of every length around React's 2,048-byte views, at every offset a leading ASCII run gives. */
const pages = Array.from({ length: 24 }, (_, offset) =>
  [1, 2, 5, 700].map((repeat) =>
    createElement(
      'div',
      null,
      'a'.repeat(offset),
      ...Array.from({ length: 120 }, (_, index) =>
        createElement('span', { key: index, title: '标题'.repeat(repeat % 3) }, '中文'.repeat(repeat)),
      ),
    ),
  ),
).flat();

describe('withoutUnwrittenTail', () => {
  it('React 18 writes NUL bytes into Chinese pages without it (react#31134), so the mend has work to do', async () => {
    const broken = await Promise.all(pages.map((page) => render(page, false)));
    expect(broken.filter((html) => html.includes(0)).length).toBeGreaterThan(0);
  });

  it('leaves the document React meant: no NUL, byte for byte what renderToString writes', async () => {
    for (const page of pages) {
      const html = await render(page, true);
      expect(html.includes(0)).toBe(false);
      expect(html.toString('utf8')).toBe(renderToString(page));
    }
  });

  it('keeps every chunk that is not a full view, and a full view without zeros, as it is', () => {
    const short = Buffer.from([0x61, 0, 0]);
    expect(withoutUnwrittenTail(short)).toBe(short);
    const full = Buffer.alloc(2_048, 0x61);
    expect(withoutUnwrittenTail(full)).toBe(full);
    const padded = Buffer.alloc(2_048, 0);
    expect(withoutUnwrittenTail(padded)).toHaveLength(2_045);
  });
});
