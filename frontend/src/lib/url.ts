/** An http(s) URL safe to put in href, or undefined. */
export function safeHttpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let s = raw.trim();
  const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+?)(?:\.git)?$/.exec(s);
  if (ssh) s = `https://${ssh[1]}/${ssh[2]}`;
  try {
    const u = new URL(s);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    return u.toString().replace(/\.git$/, '');
  } catch {
    return undefined;
  }
}

/** Link to a commit on GitHub/GitLab-style hosts. */
export function commitUrl(repo: string | undefined, sha: string | undefined): string | undefined {
  const base = safeHttpUrl(repo);
  if (!base || !sha || !/^[0-9a-f]{7,40}$/i.test(sha)) return undefined;
  return `${base.replace(/\/$/, '')}/${base.includes('gitlab') ? '-/commit' : 'commit'}/${sha}`;
}
