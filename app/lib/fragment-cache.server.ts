/**
 * The server side of fragment-cache.tsx: React's own string rendering of a fragment, kept per key object (so it goes
 * when its snapshot goes) and per variant.
 */
import type { ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { RenderFragment } from '~/lib/fragment-cache';

/** Variants kept per key: a snapshot is shown in a handful of languages at one chain time. */
const VARIANTS_PER_KEY = 8;

export function fragmentCache(): RenderFragment {
  const fragments = new WeakMap<object, Map<string, string>>();
  return (key: object, variant: string, element: () => ReactElement) => {
    let variants = fragments.get(key);
    if (!variants) {
      variants = new Map();
      fragments.set(key, variants);
    }
    let html = variants.get(variant);
    if (html === undefined) {
      // renderToString, not renderToStaticMarkup: the markup must be what the streamed page would contain (text
      // separators included), so that the browser hydrates it like any other part of the page.
      // Flattened: renderToString returns a rope of every chunk it wrote, which every later request would walk again.
      html = Buffer.from(renderToString(element())).toString();
      if (variants.size >= VARIANTS_PER_KEY) variants.clear();
      variants.set(variant, html);
    }
    return html;
  };
}
