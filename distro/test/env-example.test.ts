import { envExampleProblems, parseEnvFile, read } from './lib';

describe('.env.example', () => {
  const text = read('.env.example');

  it('has no default for any secret', () => {
    expect(envExampleProblems(text)).toEqual([]);
  });

  it('lists the database and admin secrets, empty', () => {
    const env = parseEnvFile(text);
    for (const name of ['DB_ROOT_PASSWORD', 'OMRS_DB_PASSWORD', 'OMRS_ADMIN_PASSWORD']) expect(env.get(name)).toBe('');
  });

  it('would reject a filled-in password, key or token, and a malformed line', () => {
    expect(envExampleProblems('DB_ROOT_PASSWORD=openmrs')).toHaveLength(1);
    expect(envExampleProblems('SYNC_API_KEY=abc\nGH_TOKEN=x')).toHaveLength(2);
    expect(envExampleProblems('export HTTP_PORT=80')).toHaveLength(1);
    expect(envExampleProblems('HTTP_PORT=80\nOMRS_DB_PASSWORD=')).toEqual([]);
  });
});
