// Installs the Debian packages a test or `npm start` needs when they are missing, or stops with one clear line.
import { spawnSync } from 'node:child_process';

const PACKAGES = { socat: 'socat', chromium: 'chromium', xmllint: 'libxml2-utils' };

function has(program) {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

export function ensurePrograms(programs) {
  const missing = programs.filter((p) => !has(p));
  if (missing.length === 0) return;
  const pkgs = missing.map((p) => PACKAGES[p] ?? p);
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    console.error(`missing system programs: ${missing.join(', ')} — install with: sudo apt-get install -y ${pkgs.join(' ')}`);
    process.exit(1);
  }
  console.log(`== installing ${pkgs.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  const still = programs.filter((p) => !has(p));
  if (r.status !== 0 || still.length) {
    console.error(`cannot install ${still.map((p) => PACKAGES[p] ?? p).join(' ')} with apt-get; install it and run again`);
    process.exit(1);
  }
}
