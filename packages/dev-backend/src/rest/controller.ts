import type { Reply } from '../http/reply';
import type { RequestContext } from './context';

/** An endpoint that is not a resource (OpenMRS's own controllers, such as /session). */
export interface Controller {
  name: string;
  handlers: Partial<
    Record<string, (ctx: RequestContext, body: () => Promise<Record<string, unknown>>) => Promise<Reply>>
  >;
  /** Paths below the name (idgen/identifiersource/<uuid>/identifier), given the segments after it. */
  route?(
    segments: string[],
    method: string,
    ctx: RequestContext,
    body: () => Promise<Record<string, unknown>>,
  ): Promise<Reply>;
}
