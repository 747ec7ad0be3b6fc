import { GoTemplateError } from '../../../../src/engine/go/template';
import { renderFixed as render } from './helpers';

describe('semver and semverCompare (Masterminds/semver v3)', () => {
  it.each([
    ['{{ semver "v1.2.3-beta.1+build" }} {{ semver "1.2" }} {{ semver "7" }}', '1.2.3-beta.1+build 1.2.0 7.0.0'],
    ['{{ (semver "1.2.3").Major }} {{ (semver "1.2").Minor }} {{ (semver "1.2.3-rc.1").Prerelease }} {{ (semver "1.2.3+m").Metadata }} {{ (semver "v1.2").Original }}', '1 2 rc.1 m v1.2'],
    ['{{ list (semver "1.0.0") "x" }} {{ print (semver "1.0.0") (semver "2.0.0") }} {{ toJson (semver "1.0.0") }}', '[1.0.0 x] 1.0.0 2.0.0 "1.0.0"'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['>=1.2.3', '1.3.0', true], ['>=1.2.3', '1.2.2', false], ['<2', '1.9.9', true], ['<=1.2', '1.2.9', true], ['<=1.2', '1.3.0', false],
    ['>1.2', '1.2.9', false], ['>1.2', '1.3.0', true], ['>1.2.3', '1.2.4', true], ['=1.2.3', '1.2.3', true], ['1.2.3', 'v1.2.3', true],
    ['!=1.2.3', '1.2.4', true], ['!=1.2.3', '1.2.3', false], ['!=1.2.x', '1.2.7', false], ['!=1.2.x', '1.3.0', true],
    ['~1.2.3', '1.2.9', true], ['~1.2.3', '1.3.0', false], ['~1', '1.9.0', true], ['~>1.2', '1.2.0', true], ['~0', '0.5.0', true],
    ['^1.2', '1.9.0', true], ['^1.2', '2.0.0', false], ['^0.2.3', '0.2.9', true], ['^0.2.3', '0.3.0', false], ['^0.0.3', '0.0.4', false],
    ['1.2.x', '1.2.7', true], ['1.2.x', '1.3.0', false], ['*', '3.4.5', true], ['1.x', '1.0.1', true],
    ['1.2 - 1.4', '1.4.5', true], ['1.2 - 1.4.0', '1.4.5', false], ['1.2 - 1.4', '1.1.9', false],
    ['>1.0 <2 || 3.x', '3.5.1', true], ['>1.0, <2', '1.5.0', true], ['>1.0, <2', '2.0.0', false],
    // prereleases only match constraints that name one
    ['>=1.0', '1.1.0-alpha', false], ['>=1.0-0', '1.1.0-alpha', true], ['>=1.2.3-beta.2', '1.2.3-beta.10', true], ['<1.2.3', '1.2.3-rc.1', false],
    ['>=1.2.3-alpha', '1.2.3-alpha.1', true], ['>1.2.3-alpha.beta', '1.2.3-alpha.1', false],
  ])('semverCompare %j %j = %s', (constraint, version, expected) => {
    expect(render(`{{ semverCompare "${constraint}" "${version}" }}`)).toBe(String(expected));
  });

  it.each([
    // Go's error texts are checked against recorded outputs in test/golden/triggers.
    ['{{ (semver "1.0.0").IncMajor }}', 'template: param: method IncMajor of *semver.Version is not supported by this engine'],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });
});
