import { ensureInstalled, INSTALL_COMMAND, isInstalled } from '../src/install';

describe('MariaDB installation', () => {
  it('is present on this machine (the test command installs it)', () => {
    expect(isInstalled()).toBe(true);
  });

  it('does nothing when the server is installed', () => {
    const log = jest.fn();
    ensureInstalled(log, { installed: true, root: false });
    expect(log).not.toHaveBeenCalled();
  });

  it('without root, fails and tells the exact command to run', () => {
    expect(() => ensureInstalled(jest.fn(), { installed: false, root: false })).toThrow(INSTALL_COMMAND);
    expect(INSTALL_COMMAND).toContain('apt-get install -y --no-install-recommends mariadb-server');
  });
});
