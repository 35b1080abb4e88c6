import { facilityDay } from '../src';

// Found by the pharmacist's list at 00:30 in Maputo: a service on a UTC machine still called it yesterday
// and refused "today" as a day in the future.
test("the facilities' day turns at midnight in Maputo, whatever the machine's zone", () => {
  expect(facilityDay(new Date('2026-12-07T21:59:59Z'))).toBe('2026-12-07');
  expect(facilityDay(new Date('2026-12-07T22:00:00Z'))).toBe('2026-12-08');
  expect(facilityDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  // No daylight saving: the same two hours in July.
  expect(facilityDay(new Date('2026-07-15T22:00:00Z'))).toBe('2026-07-16');
});
