import { artStart } from '../blocks/art-start';
import { exits, type ExitSources } from '../blocks/exits';
import { pickups, pickupsDuring } from '../blocks/pickups';
import { at, dayBefore, onDays, type PeriodContext } from '../context';
import { sql, type Sql } from '../sql';

// Facts the patient-flow balance explains its exceptions with (`FlowRule`): who they are, not a count.

const previous = (ctx: PeriodContext) => at(ctx, dayBefore(ctx.startDate));

/** The first drug pickup the patient ever had at the facility came during the period. */
export function firstPickupDuring(ctx: PeriodContext): Sql {
  return sql`SELECT d.patient_id FROM ${pickupsDuring(ctx)} d
    LEFT JOIN ${pickups(previous(ctx))} b ON b.patient_id = d.patient_id WHERE b.patient_id IS NULL`;
}

/** ART started by the end of the period by its forms (see `artStart`), no drug pickup by then. */
export function startedWithoutPickup(ctx: PeriodContext): Sql {
  return sql`SELECT a.patient_id FROM ${artStart(ctx)} a
    LEFT JOIN ${pickups(ctx)} p ON p.patient_id = a.patient_id WHERE p.patient_id IS NULL`;
}

/** A death recorded before the period held at its start (no FILA or consultation after it by then). */
export function diedBefore(ctx: PeriodContext, sources: ExitSources): Sql {
  return sql`SELECT x.patient_id FROM ${exits(previous(ctx), sources)} x WHERE x.died IS NOT NULL`;
}

/** A transfer out recorded during the period when the drugs had already run out before it. */
export function transferredAfterDrugsRanOut(ctx: PeriodContext, sources: ExitSources): Sql {
  return sql`SELECT x.patient_id FROM ${exits(ctx, sources)} x
    WHERE ${onDays(sql`x.transferred`, ctx.startDate, ctx.endDate)} AND x.runs_out < ${ctx.startDate}`;
}
