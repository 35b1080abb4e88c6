import { candidateQueries, checkDuplicates, type Applicant, type ExistingPatient } from './duplicates';

const OPTIONS = { birthYearTolerance: 2, minNameSimilarity: 0.8, maxResults: 10 };

function existing(
  uuid: string,
  given: string,
  family: string,
  gender: string,
  birthdate: string,
  district = 'Manhiça',
) {
  return {
    uuid,
    identifiers: [{ identifier: `0111040701/2020/${uuid.padStart(5, '0')}`, identifierType: { uuid: 'nid' } }],
    person: {
      gender,
      birthdate: `${birthdate}T00:00:00.000+0200`,
      names: [{ givenName: given, familyName: family }],
      addresses: [{ countyDistrict: district }],
    },
  } satisfies ExistingPatient;
}

const applicant: Applicant = {
  givenName: 'Quitéria',
  familyName: 'Cossa',
  sex: 'F',
  birthdate: '1991-03-14',
  district: 'Manhiça',
  identifiers: [],
};

test('asks core REST for every spelling of both names, both names in each query', () => {
  expect(candidateQueries(applicant)).toEqual(['qui cos', 'qui kos', 'kit cos', 'kit kos', 'quiteria c']);
});

/** A fake server: `q` answers with the patients whose name words start with every word of q. */
function server(patients: ExistingPatient[]) {
  const paths: string[] = [];
  const fetchResults = async (path: string) => {
    paths.push(path);
    const params = new URLSearchParams(path.split('?')[1]);
    const identifier = params.get('identifier');
    if (identifier) return patients.filter((p) => p.identifiers.some((i) => i.identifier === identifier));
    const words = (params.get('q') ?? '').split(' ');
    const fold = (s: string) =>
      s
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase();
    return patients.filter((p) => {
      const names = p.person.names.flatMap((n) => [n.givenName, n.familyName]).map((n) => fold(n ?? ''));
      return words.every((w) => names.some((n) => n.startsWith(w)));
    });
  };
  return { paths, fetchResults };
}

test('lists similar-sounding patients of the same sex born within the tolerance, best first', async () => {
  const { fetchResults } = server([
    existing('1', 'Kitéria', 'Kossa', 'F', '1992-07-01'),
    existing('2', 'Quitéria', 'Cossa', 'F', '1991-01-01', 'Xai-Xai'),
    existing('3', 'Quitéria', 'Cossa', 'F', '1985-01-01'),
    existing('4', 'Quirino', 'Cossa', 'M', '1991-01-01'),
    existing('5', 'Quitéria', 'Cossa', 'M', '1991-05-05'),
  ]);
  const { exact, probable } = await checkDuplicates(applicant, fetchResults, OPTIONS);
  expect(exact).toEqual([]);
  // 3: born 6 years apart; 4: another name and sex. 5 sounds the same: kept although the sex differs.
  // 1 (spelt another way) ranks before 2 (another district).
  expect(probable.map((p) => p.patient.uuid)).toEqual(['1', '2', '5']);
  expect(probable[0]).toMatchObject({ nameSimilarity: 1, sameSex: true, yearsApart: 1, sameDistrict: true });
  expect(probable[2]).toMatchObject({ sameSex: false });
});

test('a typed identifier someone already holds is an exact duplicate, not listed again as probable', async () => {
  const holder = existing('7', 'Quitéria', 'Cossa', 'F', '1991-03-14');
  const { fetchResults, paths } = server([holder]);
  const typed = { ...applicant, identifiers: [holder.identifiers[0].identifier, ''] };
  const { exact, probable } = await checkDuplicates(typed, fetchResults, OPTIONS);
  expect(exact).toEqual([{ identifier: '0111040701/2020/00007', patient: holder }]);
  expect(probable).toEqual([]);
  expect(paths.filter((p) => p.includes('identifier='))).toHaveLength(1);
});

test('keeps at most maxResults', async () => {
  const many = Array.from({ length: 15 }, (_, i) => existing(String(i + 1), 'Quitéria', 'Cossa', 'F', '1991-01-01'));
  const { probable } = await checkDuplicates(applicant, server(many).fetchResults, { ...OPTIONS, maxResults: 4 });
  expect(probable).toHaveLength(4);
});

test('a name search that fills its page is asked again with the whole names', async () => {
  const crowd = Array.from({ length: 100 }, (_, i) => existing(String(i + 10), 'Quitéria', 'Cossa', 'F', '1970-01-01'));
  const paths: string[] = [];
  const target = existing('1', 'Quitéria', 'Cossa', 'F', '1991-01-01');
  const fetchResults = async (path: string) => {
    paths.push(decodeURIComponent(path));
    return path.includes('q=quiteria%20cossa') ? [target] : crowd;
  };
  const { probable } = await checkDuplicates(applicant, fetchResults, OPTIONS);
  expect(paths.filter((p) => p.includes('q=quiteria cossa'))).toHaveLength(1);
  expect(probable.map((p) => p.patient.uuid)).toEqual(['1']);
});
