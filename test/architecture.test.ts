/**
 * The layering DEVELOPERS.md promises, enforced: the engine knows no GitLab, the GitLab client
 * knows no engine, and the simulator imports nothing of the connector it is meant to check.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Repository-relative targets of a file's relative imports, plus its package imports. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? '');
  return {
    local: specs.filter((s) => s.startsWith('.')).map((s) => relative(root, resolve(dirname(file), s))),
    packages: specs.filter((s) => !s.startsWith('.')),
  };
}

describe('architecture', () => {
  it('the engine imports only engine, util, log and the error base', () => {
    for (const file of sourceFiles(join(root, 'src/engine'))) {
      for (const target of importsOf(file).local) {
        expect(target, `${relative(root, file)} imports ${target}`).toMatch(/^src\/(engine|util|log)\/|^src\/errors\.js$/);
      }
    }
  });

  it('the engine code never names GitLab (comments and the shared error base aside)', () => {
    for (const file of sourceFiles(join(root, 'src/engine'))) {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
        .replace(/SourceGitlabError/g, '');
      expect(code, relative(root, file)).not.toMatch(/gitlab|project|merge.?request|pipeline/i);
    }
  });

  it('the GitLab client does not import the engine, resources or protocols', () => {
    for (const file of sourceFiles(join(root, 'src/gitlab'))) {
      for (const target of importsOf(file).local) {
        expect(target, `${relative(root, file)} imports ${target}`).toMatch(/^src\/(gitlab|util|log)\/|^src\/errors\.js$/);
      }
    }
  });

  it('the simulator imports nothing from the connector', () => {
    for (const file of sourceFiles(join(root, 'simulator'))) {
      for (const target of importsOf(file).local) {
        expect(target, `${relative(root, file)} imports ${target}`).toMatch(/^simulator\//);
      }
    }
  });
});
