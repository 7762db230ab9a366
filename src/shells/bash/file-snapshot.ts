/**
 * The learner's files as plain JSON, so a host that had to kill a runaway worker can rebuild the
 * session. The command stubs just-bash keeps in /bin and /usr/bin, and /proc and /dev, are part
 * of the image and are not saved.
 */
import type { IFileSystem } from 'just-bash';
import { bytesToLatin1 } from './curl/run-curl';
import type { BashSessionSnapshot } from './types';

const SYSTEM = /^\/(bin|usr\/bin|proc|dev|sys)(\/|$)/;

type FileSnapshot = Pick<BashSessionSnapshot, 'files' | 'directories'>;

export async function snapshotFileSystem(fs: IFileSystem): Promise<FileSnapshot> {
  const files: FileSnapshot['files'] = {};
  const directories: string[] = [];
  for (const path of fs.getAllPaths().sort()) {
    if (path === '/' || SYSTEM.test(path)) continue;
    const stat = await fs.lstat(path).catch(() => undefined);
    if (!stat) continue;
    if (stat.isDirectory) directories.push(path);
    else if (stat.isFile) {
      const bytes = await fs.readFileBuffer(path);
      files[path] = { content: btoa(bytesToLatin1(bytes)), mode: stat.mode };
    }
  }
  return { files, directories };
}

export async function restoreFileSystem(fs: IFileSystem, snap: FileSnapshot): Promise<void> {
  const keep = new Set([...snap.directories, ...Object.keys(snap.files)]);
  // Image files the learner had deleted stay deleted.
  for (const path of fs.getAllPaths().sort().reverse()) {
    if (path !== '/' && !SYSTEM.test(path) && !keep.has(path)) await fs.rm(path, { recursive: true, force: true }).catch(() => {});
  }
  for (const dir of snap.directories) {
    if (typeof dir === 'string' && dir.startsWith('/')) await fs.mkdir(dir, { recursive: true });
  }
  for (const [path, file] of Object.entries(snap.files)) {
    if (!path.startsWith('/') || typeof file?.content !== 'string') continue;
    const bin = atob(file.content);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    await fs.writeFile(path, bytes);
    if (typeof file.mode === 'number') await fs.chmod(path, file.mode & 0o7777).catch(() => {});
  }
}
