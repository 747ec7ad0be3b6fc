import { sprintf } from '../../../src/engine/go/fmt';
import { GoTime } from '../../../src/engine/go/values';

/**
 * Go fmt behaviour is checked against recorded Go outputs in test/golden/triggers (printf with
 * every verb over every kind of value, %v of float64s of every magnitude); what remains here
 * are the engine's refusals.
 */
describe('sprintf (Go fmt.Sprintf)', () => {
  it('refuses verbs it cannot reproduce instead of guessing', () => {
    expect(() => sprintf('%p', [{ a: 1 }])).toThrow('%p (pointer) is not supported');
    expect(() => sprintf('%#v', [new GoTime(0)])).toThrow('%#v (Go syntax) of time.Time is not supported');
  });
});
