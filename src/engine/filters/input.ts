/**
 * One event as the filters read it. The payload view (validation and key indexes) is built
 * on first use and shared by every dependency and filter kind that reads this event: the
 * caller makes one input per event and passes it in.
 */
import type { SensorEvent } from '../event';
import { eventPayload, type Payload } from '../payload';

/** An event and its payload view. */
export interface FilterInput {
  readonly event: SensorEvent | null;
  /** The event data's view; only for an event with non-nil data. */
  payload(): Payload;
}

/** The input of the filters for `event` (null: the nil event). */
export function filterInput(event: SensorEvent | null): FilterInput {
  let payload: Payload | undefined;
  return {
    event,
    payload(): Payload {
      if (event === null) throw new Error('the nil event has no payload');
      payload ??= eventPayload(event);
      return payload;
    },
  };
}
