/**
 * The data filters of the CI-failure dependency. Each one exists to stop a specific
 * wrong remediation; the README explains them in the same order.
 *
 * Order matters: Argo evaluates the items in order and stops at the first miss, while
 * a path missing from the event is an error logged at WARN. Checking the event type
 * first keeps other GitHub events from reaching paths they do not have.
 */
import type { ResolvedSettings } from '../config/settings';
import { type DataFilter, equals, inSet, notContains, notInSet, notStartsWith, oneOf, parseValueSet } from './data-filter';

/** gjson paths into the GitHub event source's event data (reference §1). */
export const EventPaths = {
  eventType: 'body.X-GitHub-Event',
  deliveryId: 'body.X-GitHub-Delivery',
  action: 'body.action',
  conclusion: 'body.workflow_run.conclusion',
  repository: 'body.repository.full_name',
  repositoryName: 'body.repository.name',
  repositoryUrl: 'body.repository.html_url',
  headRepository: 'body.workflow_run.head_repository.full_name',
  headBranch: 'body.workflow_run.head_branch',
  headSha: 'body.workflow_run.head_sha',
  commitMessage: 'body.workflow_run.head_commit.message',
  workflowName: 'body.workflow_run.name',
  runId: 'body.workflow_run.id',
  runAttempt: 'body.workflow_run.run_attempt',
  runUrl: 'body.workflow_run.html_url',
} as const;

/** The data filters, all ANDed, for the given settings. */
export function ciFailureDataFilters(settings: Pick<ResolvedSettings, 'repositories' | 'filters'>): DataFilter[] {
  const { filters, repositories } = settings;
  const result: DataFilter[] = [
    equals(EventPaths.eventType, 'workflow_run'),
    equals(EventPaths.action, 'completed'),
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
