/** Variables a build or test tool may need; everything else in our environment stays out of runs. */
const passThrough = new Set([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'TMPDIR', 'TMP', 'TEMP',
  'SYSTEMROOT', 'SYSTEMDRIVE', 'COMSPEC', 'PATHEXT', 'WINDIR', 'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'PROGRAMFILES', 'PROGRAMDATA',
  'JAVA_HOME', 'MAVEN_HOME', 'GRADLE_USER_HOME', 'GOPATH', 'GOROOT', 'GOCACHE', 'GOMODCACHE', 'GOFLAGS', 'CARGO_HOME', 'RUSTUP_HOME',
  'NVM_DIR', 'PYENV_ROOT', 'VIRTUAL_ENV', 'CONDA_PREFIX', 'PYTHONPATH',
]);

/** Names that hold credentials whatever their prefix. */
const secretName = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)/i;

/**
 * The environment a run gets: the allow-listed variables of `base` (locale ones too), never
 * anything that looks like a credential, plus settings that keep tools non-interactive and
 * their output plain; then `extra`.
 */
export function cleanEnvironment(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || secretName.test(name)) continue;
    const upper = name.toUpperCase();
    if (passThrough.has(upper) || upper.startsWith('LC_')) env[name] = value;
  }
  Object.assign(env, { CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1' });
  for (const [name, value] of Object.entries(extra)) if (!secretName.test(name)) env[name] = value;
  return env;
}
