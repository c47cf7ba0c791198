import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fragmentCache } from '~/lib/fragment-cache.server';

const Row = ({ id, label }: { id: string; label: string }) =>
  createElement(
    'tr',
    { 'data-testid': `row-${id}` },
    createElement('td', null, '#', id),
    createElement('td', null, label),
  );

describe('fragmentCache', () => {
  it("gives React's own markup of the element, the same as the page it sits in would contain", () => {
    const render = fragmentCache();
    const key = {};
    const html = render(key, 'en', () => createElement(Row, { id: '7', label: '<b>x</b>' }));
    expect(html).toBe(renderToString(createElement(Row, { id: '7', label: '<b>x</b>' })));
    // Adjacent texts keep React's separator, which hydration relies on; text is escaped.
    expect(html).toContain('#<!-- -->7');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('renders once per key and variant and reuses that rendering', () => {
    const render = fragmentCache();
    const key = {};
    let renders = 0;
    const element = (label: string) => () => {
      renders++;
      return createElement(Row, { id: '1', label });
    };
    const first = render(key, 'en', element('one'));
    expect(render(key, 'en', element('changed'))).toBe(first);
    expect(renders).toBe(1);
    expect(render(key, 'zh-CN', element('二'))).toContain('二');
    expect(render({}, 'en', element('other key'))).toContain('other key');
    expect(renders).toBe(3);
  });
});
