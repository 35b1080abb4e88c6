// Which OpenMRS drug each iDART drug is: iDART names its drugs itself (table `drug`, column `name`), OpenMRS
// by the formulations of distro/configuration/drugs. The facility's mapping is a CSV the partner IT team
// keeps (distro/idart-bridge/drugs.csv): an iDART drug missing from it sends its dispensations to the
// error queue, never to OpenMRS with a guess.

/** iDART drug name → OpenMRS drug uuid. */
export type DrugMapping = Map<string, string>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `iDART drug name,OpenMRS drug uuid` per line after the header; a name may be quoted (it may hold commas). */
export function parseDrugMapping(text: string): DrugMapping {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [header, ...rows] = lines;
  if (!/^"?iDART drug name"?,"?OpenMRS drug uuid"?$/.test(header?.trim() ?? ''))
    throw new Error('the first line must be: iDART drug name,OpenMRS drug uuid');
  const mapping: DrugMapping = new Map();
  rows.forEach((line, i) => {
    const match = /^(?:"((?:[^"]|"")*)"|([^,]*)),\s*([^,\s]+)\s*$/.exec(line);
    const name = (match?.[1]?.replace(/""/g, '"') ?? match?.[2] ?? '').trim();
    const uuid = match?.[3] ?? '';
    if (!match || !name || !UUID.test(uuid))
      throw new Error(`line ${i + 2}: expected "<iDART name>,<uuid>", got "${line}"`);
    if (mapping.has(name)) throw new Error(`line ${i + 2}: "${name}" is mapped twice`);
    mapping.set(name, uuid);
  });
  return mapping;
}
