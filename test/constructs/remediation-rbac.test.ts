import { synthChart } from '../helpers/chart';

describe('the default RBAC, as a focused snapshot', () => {
  test('the ServiceAccount, and a Role and RoleBinding granting only `create` on CodeRuns', () => {
    expect(synthChart().filter(m => ['ServiceAccount', 'Role', 'RoleBinding'].includes(m.kind))).toMatchSnapshot();
  });
});
