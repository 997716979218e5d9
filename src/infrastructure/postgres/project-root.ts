import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The package root, from source (ts-jest) or from dist/ alike. */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'chronocart') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the chronocart package root');
    dir = parent;
  }
}
