import { formatIssuePath } from '../../../src/engine/validation/validation-issue';

describe('formatIssuePath', () => {
  it.each<[(string | number)[], string]>([
    [[], '(root)'],
    [['spec'], 'spec'],
    [['spec', 'dependencies', 0, 'filters', 'data', 1, 'comparator'], 'spec.dependencies[0].filters.data[1].comparator'],
    [['metadata', 'labels', 'app.kubernetes.io/part-of'], 'metadata.labels["app.kubernetes.io/part-of"]'],
    [['spec', 'github', 'my-events'], 'spec.github.my-events'],
  ])('renders %j', (path, text) => {
    expect(formatIssuePath(path)).toBe(text);
  });
});
