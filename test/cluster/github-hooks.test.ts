/** The managed hook's URL as the EventSource registers it (argo-events FormattedURL, before and after it trimmed a trailing '/'). */
import { hookUrls } from '../../src/cluster/github-hooks';

test('URL and endpoint joined with one slash; a trailing slash on the URL gives both forms', () => {
  expect(hookUrls('https://hooks.example.com', '/github/webhook')).toEqual(['https://hooks.example.com/github/webhook']);
  expect(hookUrls('https://hooks.example.com', 'github/webhook')).toEqual(['https://hooks.example.com/github/webhook']);
  expect(hookUrls('https://hooks.example.com/', '/github/webhook')).toEqual(['https://hooks.example.com//github/webhook', 'https://hooks.example.com/github/webhook']);
});
