/**
 * Markup that depends only on a snapshot of the mirror (a market row at one chain time, in one language) is rendered
 * once per snapshot on the server and reused by every later render of it, instead of being rebuilt element by element
 * on every request (issue 12: the market table was most of a full render). The server's renderer is provided by
 * entry.server.tsx (fragment-cache.server.ts); in the browser there is none and components render as usual, which
 * hydrates against the reused markup because it is React's own rendering of the same elements.
 */
import { createContext, type ReactElement, useContext } from 'react';

/**
 * The HTML of `element()` for `key` (an object that lives as long as its snapshot) in `variant` (everything else the
 * markup depends on: language, chain time, units), rendered on the first call and reused after.
 */
export type RenderFragment = (key: object, variant: string, element: () => ReactElement) => string;

export const FragmentCacheContext = createContext<RenderFragment | null>(null);

/** The server's fragment renderer, or null while rendering in the browser. */
export const useFragmentCache = () => useContext(FragmentCacheContext);
