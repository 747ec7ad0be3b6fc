/**
 * The data filters of the CI-failure dependency. Each one exists to stop a specific
 * wrong remediation; the README explains them in the same order.
 *
 * Order matters: Argo evaluates the items in order and stops at the first miss, while
 * a path missing from the event is an error logged at WARN. Checking the event type
 * first keeps other GitHub events from reaching paths they do not have.
 */
import type { ResolvedSettings } from '../config/settings';
import { COMPLETED_ACTION, EventPaths, WORKFLOW_RUN_EVENT } from '../github/webhook';
import { type DataFilter, equals, inSet, notContains, notInSet, notStartsWith, oneOf, parseValueSet } from './data-filter';

/** The data filters, all ANDed, for the given settings. */
export function ciFailureDataFilters(settings: Pick<ResolvedSettings, 'repositories' | 'filters'>): DataFilter[] {
  const { filters, repositories } = settings;
  const result: DataFilter[] = [
    equals(EventPaths.eventType, WORKFLOW_RUN_EVENT),
    equals(EventPaths.action, COMPLETED_ACTION),
    oneOf(EventPaths.conclusion, filters.conclusions),
    // GitHub owner and repository names are case-insensitive, so the match is too.
    oneOf(EventPaths.repository, repositories, { ignoreCase: true }),
  ];
  if (filters.blockForks) {
    result.push(oneOf(EventPaths.headRepository, repositories, { ignoreCase: true }));
  }
  result.push(notStartsWith(EventPaths.headBranch, filters.remediationBranchPrefix));
  result.push(notContains(EventPaths.commitMessage, filters.skipToken));
  if (filters.includeWorkflows) {
    result.push(inSet(EventPaths.workflowName, parseValueSet(filters.includeWorkflows)));
  }
  if (filters.excludeWorkflows.length > 0) {
    result.push(notInSet(EventPaths.workflowName, parseValueSet(filters.excludeWorkflows)));
  }
  return result;
}
