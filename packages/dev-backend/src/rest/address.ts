// The OpenMRS address fields shared by location and person address (the same columns in both tables).
// Mozambique's layout uses address1–6 (layout.address.format in distro/configuration/globalproperties).

export const ADDRESS_FIELDS = [
  'address1',
  'address2',
  'cityVillage',
  'stateProvince',
  'country',
  'postalCode',
  'latitude',
  'longitude',
  'countyDistrict',
  ...Array.from({ length: 13 }, (_, i) => `address${i + 3}`),
];

/** REST property → column: `cityVillage` → `city_village`. */
export const addressProperties = Object.fromEntries(
  ADDRESS_FIELDS.map((f) => [f, { column: f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) }]),
);
