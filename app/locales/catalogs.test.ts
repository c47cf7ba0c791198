/**
 * The two catalogs are merged by hand from one file per area (en.ts, zh-CN.ts): each list must name every area file of
 * its language, and no two areas may define the same top-level key (a spread would let the later one win silently).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

const catalogs = { en, 'zh-CN': zhCN } as const;

describe.each(Object.entries(catalogs))('the %s catalog', (language, catalog) => {
  it('holds every key of every area file once', async () => {
    const directory = new URL(`./${language}/`, import.meta.url);
    const areas = readdirSync(directory).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(areas.length).toBeGreaterThan(0);
    const owner = new Map<string, string>();
    for (const file of areas) {
      const module = (await import(new URL(file, directory).href)) as Record<string, Record<string, unknown>>;
      for (const area of Object.values(module))
        for (const key of Object.keys(area)) {
          expect(owner.get(key), `${key} in ${file}`).toBeUndefined();
          owner.set(key, file);
          expect(catalog[key as keyof typeof catalog], `${key} of ${file} merged`).toBe(area[key]);
        }
    }
    expect(Object.keys(catalog).sort()).toEqual([...owner.keys()].sort());
  });
});

it('the Chinese catalog has the English one’s areas', () => {
  expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
});
