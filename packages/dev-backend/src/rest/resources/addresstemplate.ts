import { ok } from '../../http/reply';
import type { RequestContext } from '../context';
import type { Controller } from '../controller';

// AddressTemplateController2_0: the AddressTemplate that global property layout.address.format holds
// (XStream XML), in LayoutTemplateRepresentation's default representation, `lines` derived as
// LayoutTemplate.getLines() does. Like the real controller, it asks for no privilege.

type Template = Record<string, unknown>;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]);

/** The XStream form of a field: `class="properties"` maps, string lists, or plain text; null when absent. */
function field(xml: string, name: string): unknown {
  const match = new RegExp(`<${name}(\\s[^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  if (!match) return null;
  const [, attributes = '', content] = match;
  if (attributes.includes('properties')) {
    const map: Record<string, string> = {};
    for (const p of content.matchAll(/<property\s+name="([^"]*)"\s+value="([^"]*)"\s*\/>/g)) {
      map[decode(p[1])] = decode(p[2]);
    }
    return map;
  }
  if (content.includes('<string>'))
    return [...content.matchAll(/<string>([\s\S]*?)<\/string>/g)].map((s) => decode(s[1]));
  return decode(content.trim());
}

/** Each line of lineByLineFormat as tokens (address fields) and the text between them. */
function lines(template: Template): unknown {
  const format = template.lineByLineFormat as string[] | null;
  if (!format) return null;
  const names = (template.nameMappings ?? {}) as Record<string, string>;
  const sizes = (template.sizeMappings ?? {}) as Record<string, string>;
  return format.map((line) => {
    const out: Array<Record<string, string>> = [];
    let text = '';
    line.split(' ').forEach((word, i) => {
      const separator = i > 0 ? ' ' : '';
      if (word in names) {
        out.push({ isToken: 'IS_NOT_ADDR_TOKEN', displayText: text + separator });
        out.push({ isToken: 'IS_ADDR_TOKEN', displayText: names[word], codeName: word, displaySize: sizes[word] });
        text = '';
      } else text += separator + word;
    });
    if (text !== '') out.push({ isToken: 'IS_NOT_ADDR_TOKEN', displayText: text });
    return out;
  });
}

const FIELDS = ['displayName', 'codeName', 'country', 'lineByLineFormat', 'nameMappings', 'sizeMappings'];
const MORE = ['elementDefaults', 'elementRegex', 'elementRegexFormats', 'requiredElements'];

export function parseAddressTemplate(xml: string): Template {
  const t: Template = Object.fromEntries([...FIELDS, ...MORE].map((name) => [name, field(xml, name)]));
  t.codeName ??= 'default';
  const [displayName, codeName, country, lineByLineFormat, nameMappings, sizeMappings] = FIELDS.map((f) => t[f]);
  const more = Object.fromEntries(MORE.map((f) => [f, t[f]]));
  return { displayName, codeName, country, lines: lines(t), lineByLineFormat, nameMappings, sizeMappings, ...more };
}

/** The template in force: the global property, else AddressSupport's built-in default. */
export async function readAddressTemplate(ctx: RequestContext): Promise<Template> {
  const rows = await ctx.sql.rows('SELECT property_value FROM global_property WHERE property = ?', [
    'layout.address.format',
  ]);
  const xml = rows[0]?.property_value;
  return parseAddressTemplate(typeof xml === 'string' && xml.trim() !== '' ? xml : DEFAULT_TEMPLATE);
}

export const addresstemplate: Controller = {
  name: 'addresstemplate',
  handlers: { GET: async (ctx) => ok(await readAddressTemplate(ctx)) },
};

/** AddressSupport's built-in default, used when the global property is empty. */
const DEFAULT_TEMPLATE = `<org.openmrs.layout.address.AddressTemplate>
  <nameMappings class="properties">
    <property name="postalCode" value="Location.postalCode"/>
    <property name="address2" value="Location.address2"/>
    <property name="address1" value="Location.address1"/>
    <property name="country" value="Location.country"/>
    <property name="stateProvince" value="Location.stateProvince"/>
    <property name="cityVillage" value="Location.cityVillage"/>
  </nameMappings>
  <sizeMappings class="properties">
    <property name="postalCode" value="10"/>
    <property name="address2" value="40"/>
    <property name="address1" value="40"/>
    <property name="country" value="10"/>
    <property name="stateProvince" value="10"/>
    <property name="cityVillage" value="10"/>
  </sizeMappings>
  <lineByLineFormat>
    <string>address1</string>
    <string>address2</string>
    <string>cityVillage stateProvince country postalCode</string>
  </lineByLineFormat>
</org.openmrs.layout.address.AddressTemplate>`;
